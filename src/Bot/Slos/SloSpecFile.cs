using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Core.Slos;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>
/// Reads SLO spec files in Sloth's <c>prometheus/v1</c> format (one spec per YAML document; a file may hold several), so a
/// team's existing Sloth specs work unchanged. Any mistake throws <see cref="SloSpecException"/> naming the file, the SLO and
/// the field. Plugins are refused: the bot generates Sloth's default rules and runs no plugin.
/// </summary>
internal static partial class SloSpecFile
{
    public const string Version = "prometheus/v1";

    private const string PluginsRefused = "Sloth plugins are not supported: the bot generates Sloth's default rules and runs no plugin. Remove them.";

    /// <summary>Every SLO of every file, in order; an SLO id (service and name) may appear once across them.</summary>
    public static IReadOnlyList<Slo> ReadAll(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        List<Slo> all = [];
        Dictionary<string, string> fileOfId = new(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new SloSpecException(path, 0, null, "file", $"cannot be read: {exception.Message}");
            }
            foreach (Slo slo in Read(path, text))
            {
                if (!fileOfId.TryAdd(slo.Id, path))
                {
                    throw new SloSpecException(path, 0, slo.Name, "name", $"the SLO id \"{slo.Id}\" is also defined in {fileOfId[slo.Id]}; ids must be unique.");
                }
                all.Add(slo);
            }
        }
        return all;
    }

    public static IReadOnlyList<Slo> Read(string file, string text)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(text));
        }
        catch (YamlException exception)
        {
            throw new SloSpecException(file, (int)exception.Start.Line, null, "YAML", exception.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some broken input, such as an unclosed "[".
            throw new SloSpecException(file, 0, null, "YAML", "is not valid YAML; look for an unclosed [ or {.");
        }
        List<Slo> slos = [];
        foreach (YamlDocument document in yaml.Documents)
        {
            if (document.RootNode is not YamlMappingNode root)
            {
                throw new SloSpecException(file, (int)document.RootNode.Start.Line, null, "document", $"must be a mapping with version: \"{Version}\" at its top.");
            }
            slos.AddRange(ReadSpec(new SpecNode(root, file, null, "")));
        }
        if (slos.Count == 0)
        {
            throw new SloSpecException(file, 0, null, "file", "holds no SLO spec.");
        }
        return slos;
    }

    private static List<Slo> ReadSpec(SpecNode spec)
    {
        if (spec.Optional("version") != Version)
        {
            throw spec.Fail("version", $"must be \"{Version}\": only Sloth's Prometheus spec is read (not its Kubernetes resource nor OpenSLO).");
        }
        spec.AllowOnly("version", "service", "labels", "slo_plugins", "slos");
        if (spec.Has("slo_plugins"))
        {
            throw spec.Fail("slo_plugins", PluginsRefused);
        }
        string service = Name(spec, "service");
        SortedDictionary<string, string> labels = Labels(spec, "labels");
        IReadOnlyList<SpecNode> entries = spec.Sequence("slos");
        if (entries.Count == 0)
        {
            throw spec.Fail("slos", "needs at least one SLO.");
        }
        List<Slo> slos = [];
        foreach (SpecNode entry in entries)
        {
            Slo slo = ReadSlo(entry.ForSlo(Name(entry, "name")), service, labels);
            if (slos.Any(seen => seen.Name == slo.Name))
            {
                throw entry.Fail("name", $"\"{slo.Name}\" is used by another SLO of service \"{service}\"; names must be unique.");
            }
            slos.Add(slo);
        }
        return slos;
    }

    private static Slo ReadSlo(SpecNode entry, string service, SortedDictionary<string, string> specLabels)
    {
        entry.AllowOnly("name", "objective", "description", "labels", "sli", "alerting", "plugins");
        if (entry.Has("plugins"))
        {
            throw entry.Fail("plugins", PluginsRefused);
        }
        double objective = entry.Number("objective") ?? throw entry.Fail("objective", "is required, a percentage such as 99.9.");
        if (objective is <= 0 or >= 100)
        {
            throw entry.Fail("objective", $"must be above 0 and below 100 (a percentage such as 99.9; 100 leaves no error budget), was {objective.ToString(CultureInfo.InvariantCulture)}.");
        }
        SpecNode alerting = entry.Mapping("alerting") ?? throw entry.Fail("alerting", "is required: at least its name, or both page_alert and ticket_alert disabled.");
        alerting.AllowOnly("name", "labels", "annotations", "page_alert", "ticket_alert");
        return new Slo(service, entry.Required("name"), objective, Indicator(entry))
        {
            Description = entry.Optional("description"),
            Labels = Merge(specLabels, Labels(entry, "labels")),
            PageAlert = Alert(alerting, "page_alert"),
            TicketAlert = Alert(alerting, "ticket_alert"),
        };
    }

    private static SloIndicator Indicator(SpecNode entry)
    {
        SpecNode sli = entry.Mapping("sli") ?? throw entry.Fail("sli", "is required: events (error_query and total_query) or raw (error_ratio_query).");
        sli.AllowOnly("events", "raw", "plugin");
        if (sli.Has("plugin"))
        {
            throw sli.Fail("plugin", "plugin SLIs are not supported: the bot runs no Sloth plugin. Write the query the plugin builds as raw.error_ratio_query.");
        }
        if (sli.Has("events") == sli.Has("raw"))
        {
            throw sli.Fail("needs exactly one of events (error_query and total_query) or raw (error_ratio_query).");
        }
        if (sli.Mapping("raw") is { } raw)
        {
            raw.AllowOnly("error_ratio_query");
            return new RawIndicator(Query(raw, "error_ratio_query"));
        }
        SpecNode events = sli.Mapping("events")!;
        events.AllowOnly("error_query", "total_query");
        string errorQuery = Query(events, "error_query");
        string totalQuery = Query(events, "total_query");
        return errorQuery == totalQuery
            ? throw events.Fail("total_query", "must differ from error_query: the same query for both gives an error ratio of 1.")
            : new EventsIndicator(errorQuery, totalQuery);
    }

    /// <summary>A query with Sloth's <c>{{.window}}</c> placeholder, the only template it may hold.</summary>
    private static string Query(SpecNode node, string key)
    {
        string query = node.Required(key).TrimEnd();
        if (!WindowPlaceholder().IsMatch(query))
        {
            throw node.Fail(key, "must contain {{.window}} where the window goes, such as rate(http_requests_total[{{.window}}]).");
        }
        if (WindowPlaceholder().Replace(query, "").Contains("{{", StringComparison.Ordinal))
        {
            throw node.Fail(key, "may only use the {{.window}} template; nothing else between {{ and }} is filled in.");
        }
        return query;
    }

    private static SloAlert? Alert(SpecNode alerting, string key)
    {
        SpecNode? specific = alerting.Mapping(key);
        specific?.AllowOnly("disable", "labels", "annotations");
        if (specific?.Flag("disable") == true)
        {
            return null;
        }
        string name = alerting.Optional("name") is { Length: > 0 } given ? given
            : throw alerting.Fail("name", $"is required unless both page_alert and ticket_alert are disabled ({key} is not).");
        if (!AlertName().IsMatch(name))
        {
            throw alerting.Fail("name", $"\"{name}\" must be a Prometheus alert name: letters, digits, '_' and ':', not starting with a digit.");
        }
        return new SloAlert(name, Merge(Labels(alerting, "labels"), specific is null ? [] : Labels(specific, "labels")),
            Merge(Annotations(alerting), specific is null ? [] : Annotations(specific)));
    }

    private static SortedDictionary<string, string> Merge(SortedDictionary<string, string> common, SortedDictionary<string, string> specific)
    {
        var merged = new SortedDictionary<string, string>(common, StringComparer.Ordinal);
        foreach ((string key, string value) in specific)
        {
            merged[key] = value;
        }
        return merged;
    }

    private static string Name(SpecNode node, string key)
    {
        string name = node.Required(key);
        return NamePattern().IsMatch(name) ? name
            : throw node.Fail(key, $"\"{name}\" must start and end with a letter or digit and hold only letters, digits, '.', '_' and '-'.");
    }

    private static SortedDictionary<string, string> Labels(SpecNode node, string key) =>
        node.Texts(key, LabelName().IsMatch, "is not a Prometheus label name: letters, digits and '_', not starting with a digit.");

    private static SortedDictionary<string, string> Annotations(SpecNode node) =>
        node.Texts("annotations", LabelName().IsMatch, "is not an annotation name: letters, digits and '_', not starting with a digit.");

    /// <summary>Sloth's window placeholder in a query: <c>{{.window}}</c>, spaces allowed inside the braces.</summary>
    [GeneratedRegex(@"{{\s*\.window\s*}}")]
    public static partial Regex WindowPlaceholder();

    [GeneratedRegex("^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex LabelName();

    [GeneratedRegex("^[A-Za-z_:][A-Za-z0-9_:]*$")]
    private static partial Regex AlertName();
}
