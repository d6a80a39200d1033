using System.Globalization;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatOpsIncidents.Core.OnCall;

/// <summary>
/// Schedules kept in a YAML file of their own (<see cref="OnCallOptions.SchedulesFile"/>), for teams that manage on-call apart
/// from the bot's settings (a ConfigMap, a repository). The file has the shape of the OnCall section; its keys bind the way
/// settings do (any case, the same value formats), and its schedules are added to the configured ones, winning on a name clash.
/// </summary>
public static class OnCallScheduleFile
{
    public static void AddTo(OnCallOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SchedulesFile))
        {
            return;
        }
        var fromFile = new OnCallOptions();
        new ConfigurationBuilder().AddInMemoryCollection(Read(options.SchedulesFile)).Build().Bind(fromFile);
        foreach ((string name, OnCallSchedule schedule) in fromFile.Schedules)
        {
            options.Schedules[name] = schedule;
        }
    }

    private static Dictionary<string, string?> Read(string path)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var reader = new StreamReader(path);
            var yaml = new YamlStream();
            yaml.Load(reader);
            if (yaml.Documents is [{ RootNode: YamlMappingNode root }])
            {
                Flatten(root, null, settings);
                return settings;
            }
            throw new InvalidOperationException(
                $"OnCall:SchedulesFile: {path} must hold one YAML document, a mapping with \"schedules\" at its top.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or YamlException)
        {
            throw new InvalidOperationException($"OnCall:SchedulesFile: cannot read the schedules in {path}: {exception.Message}", exception);
        }
    }

    /// <summary>Turns nested mappings and lists into settings keys such as <c>schedules:primary:layers:0:participants:1</c>.</summary>
    private static void Flatten(YamlNode node, string? key, Dictionary<string, string?> settings)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach ((YamlNode name, YamlNode value) in mapping.Children)
                {
                    if (name is not YamlScalarNode { Value: { Length: > 0 } text })
                    {
                        throw new YamlException(name.Start, name.End, "a key must be a plain name");
                    }
                    Flatten(value, Join(key, text), settings);
                }
                break;
            case YamlSequenceNode sequence:
                for (int i = 0; i < sequence.Children.Count; i++)
                {
                    Flatten(sequence.Children[i], Join(key, i.ToString(CultureInfo.InvariantCulture)), settings);
                }
                break;
            case YamlScalarNode scalar when key is not null:
                settings[key] = scalar.Value;
                break;
        }
    }

    private static string Join(string? key, string name) => key is null ? name : ConfigurationPath.Combine(key, name);
}
