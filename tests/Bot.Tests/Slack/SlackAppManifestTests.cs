using ChatOpsIncidents.TestSupport;
using YamlDotNet.RepresentationModel;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>The two shipped Slack app manifests: the same app, reached over HTTPS or over Socket Mode.</summary>
public sealed class SlackAppManifestTests
{
    private static YamlMappingNode Manifest(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Repository.Root, file))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static IEnumerable<(string Key, string Value)> Scalars(YamlNode node, string key = "") => node switch
    {
        YamlScalarNode scalar => [(key, scalar.Value ?? "")],
        YamlMappingNode mapping => mapping.Children.SelectMany(child => Scalars(child.Value, ((YamlScalarNode)child.Key).Value!)),
        YamlSequenceNode sequence => sequence.Children.SelectMany(child => Scalars(child, key)),
        _ => [],
    };

    [Fact]
    public void The_HTTPS_manifest_sends_everything_to_the_bots_Slack_endpoints()
    {
        YamlMappingNode manifest = Manifest("slack-app-manifest.yaml");

        string[] urls = [.. Scalars(manifest).Where(pair => pair.Key is "url" or "request_url").Select(pair => pair.Value).Distinct().Order()];

        Assert.Equal(["https://YOUR-HOST/slack/commands", "https://YOUR-HOST/slack/events", "https://YOUR-HOST/slack/interactions"], urls);
        Assert.Contains(("socket_mode_enabled", "false"), Scalars(manifest));
    }

    [Fact]
    public void The_Socket_Mode_manifest_is_the_same_app_with_Socket_Mode_on_and_no_request_urls()
    {
        (string Key, string Value)[] https = [.. Scalars(Manifest("slack-app-manifest.yaml"))];
        (string Key, string Value)[] socket = [.. Scalars(Manifest("slack-app-manifest.socket-mode.yaml"))];

        Assert.DoesNotContain(socket, pair => pair.Key is "url" or "request_url");
        Assert.Contains(("socket_mode_enabled", "true"), socket);
        Assert.Equal(
            https.Where(pair => pair.Key is not ("url" or "request_url" or "socket_mode_enabled")),
            socket.Where(pair => pair.Key != "socket_mode_enabled"));
        Assert.Contains(("bot_events", "app_mention"), socket);
        Assert.Contains(("bot", "app_mentions:read"), socket);
    }
}
