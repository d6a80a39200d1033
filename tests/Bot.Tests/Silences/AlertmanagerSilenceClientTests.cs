using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Silences;

/// <summary>The silences API client against real Alertmanagers: one, an HA pair with a member down, and none that answers.</summary>
public sealed class AlertmanagerSilenceClientTests
{
    private static readonly Uri s_nowhere = new("http://127.0.0.1:9/webhooks/alertmanager");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AlertmanagerSilenceClient Client(params string[] urls) => new(
        new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) },
        Options.Create(new AlertmanagerApiOptions { Urls = [.. urls] }));

    private static PostableSilence Silence(TimeSpan length) => new(
        [new SilenceMatcher("alertname", "KubePodCrashLooping"), new SilenceMatcher("namespace", "payments")],
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + length, "dana", "INC-7: deploying checkout");

    [Fact]
    public async Task A_silence_created_is_listed_by_Alertmanager_as_made_and_expiring_it_twice_is_fine()
    {
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(s_nowhere, null, Ct);
        AlertmanagerSilenceClient client = Client(alertmanager.BaseAddress.AbsoluteUri);

        string id = await client.CreateAsync(Silence(TimeSpan.FromHours(1)), Ct);

        JsonNode listed = Assert.Single(await alertmanager.SilencesAsync(Ct))!;
        Assert.Equal((id, "active", "dana", "INC-7: deploying checkout"),
            ((string?)listed["id"], (string?)listed["status"]!["state"], (string?)listed["createdBy"], (string?)listed["comment"]));
        Assert.Equal(["alertname=KubePodCrashLooping", "namespace=payments"],
            listed["matchers"]!.AsArray().Select(m => $"{m!["name"]}={m["value"]}{((bool)m["isRegex"]! ? " regex" : "")}"));
        Assert.Equal(id, Assert.Single(await client.ListAsync(Ct)).Id);

        await client.ExpireAsync(id, Ct);
        await client.ExpireAsync(id, Ct);

        Assert.Equal("expired", (string?)Assert.Single(await alertmanager.SilencesAsync(Ct))!["status"]!["state"]);
    }

    [Fact]
    public async Task With_one_member_of_the_pair_down_the_other_gets_the_silence()
    {
        (AlertmanagerServer first, AlertmanagerServer second) = await AlertmanagerServer.StartPairAsync(s_nowhere, Ct);
        await using (second)
        {
            AlertmanagerSilenceClient client = Client(first.BaseAddress.AbsoluteUri, second.BaseAddress.AbsoluteUri);
            await first.DisposeAsync();

            string id = await client.CreateAsync(Silence(TimeSpan.FromHours(1)), Ct);

            Assert.Equal(id, (string?)Assert.Single(await second.SilencesAsync(Ct))!["id"]);
        }
    }

    [Fact]
    public async Task When_no_member_answers_the_failure_says_what_each_did()
    {
        int closed = FreePort.Next();
        AlertmanagerSilenceClient client = Client($"http://127.0.0.1:{closed}/", $"http://127.0.0.1:{closed}/second/");

        AlertmanagerApiException failure = await Assert.ThrowsAsync<AlertmanagerApiException>(() => client.CreateAsync(Silence(TimeSpan.FromHours(1)), Ct));

        Assert.StartsWith($"No Alertmanager could create the silence: http://127.0.0.1:{closed} cannot be reached", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, failure.Message.Split("cannot be reached").Length - 1);
    }

    [Fact]
    public async Task A_silence_Alertmanager_refuses_is_refused_at_once_with_its_reason()
    {
        await using AlertmanagerServer alertmanager = await AlertmanagerServer.StartAsync(s_nowhere, null, Ct);
        AlertmanagerSilenceClient client = Client(alertmanager.BaseAddress.AbsoluteUri);

        AlertmanagerApiException refusal = await Assert.ThrowsAsync<AlertmanagerApiException>(() => client.CreateAsync(Silence(TimeSpan.FromHours(-1)), Ct));

        Assert.StartsWith($"Alertmanager refused to create the silence: http://127.0.0.1:{alertmanager.BaseAddress.Port} answered {(int)HttpStatusCode.BadRequest}", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await alertmanager.SilencesAsync(Ct));
    }
}
