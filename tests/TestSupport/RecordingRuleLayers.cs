using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace ChatOpsIncidents.TestSupport;

/// <summary>
/// Splits the recording rules of a Prometheus rule file into layers for <c>promtool tsdb create-blocks-from rules</c>, whose
/// rules in one run cannot see each other's output: the first layer reads only raw series, each later one reads rules of
/// the layers before it. Alerting rules are left out (promtool ignores them). Every layer is one group of the same name:
/// promtool evaluates a group at times offset by a hash of its name and file, so layers run from the same file path are
/// evaluated at the same instants, and each reads the results of the layer before at exactly its own times.
/// </summary>
internal static class RecordingRuleLayers
{
    private static readonly ISerializer s_yaml = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>One rule file per layer, in order.</summary>
    public static IReadOnlyList<string> Split(string ruleFileYaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(ruleFileYaml));
        List<Dictionary<string, object>> rules = [.. ((YamlSequenceNode)stream.Documents[0].RootNode["groups"])
            .SelectMany(group => (YamlSequenceNode)group["rules"])
            .Cast<YamlMappingNode>()
            .Where(rule => rule.Children.ContainsKey("record"))
            .Select(ToDictionary)];
        HashSet<string> records = [.. rules.Select(rule => (string)rule["record"])];
        HashSet<string> done = [];
        List<string> layers = [];
        while (rules.Count > 0)
        {
            List<Dictionary<string, object>> layer = [.. rules.Where(rule => records.All(record => done.Contains(record) || !Reads((string)rule["expr"], record)))];
            if (layer.Count == 0)
            {
                throw new InvalidOperationException("The recording rules read each other in a circle.");
            }
            rules.RemoveAll(layer.Contains);
            done.UnionWith(layer.Select(rule => (string)rule["record"]));
            layers.Add(s_yaml.Serialize(new Dictionary<string, object>
            {
                ["groups"] = new[] { new Dictionary<string, object> { ["name"] = "backfill", ["rules"] = layer } },
            }));
        }
        return layers;
    }

    private static bool Reads(string expr, string record) => Regex.IsMatch(expr, $@"(?<![\w:]){Regex.Escape(record)}(?![\w:])");

    private static Dictionary<string, object> ToDictionary(YamlMappingNode rule)
    {
        var entry = new Dictionary<string, object>
        {
            ["record"] = ((YamlScalarNode)rule["record"]).Value!,
            ["expr"] = ((YamlScalarNode)rule["expr"]).Value!,
        };
        if (rule.Children.TryGetValue(new YamlScalarNode("labels"), out YamlNode? labels))
        {
            entry["labels"] = ((YamlMappingNode)labels).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value!);
        }
        return entry;
    }
}
