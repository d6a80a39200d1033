using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>
/// How an instrument and its tags are named in Prometheus, the conversion the alert rules, the dashboard and the README
/// rely on: "." and "-" (and anything else a name cannot hold) become "_", unit "s" appends "_seconds" unless the name ends
/// so already, and counters append "_total". The meter's name is not part of it.
/// </summary>
internal static class MetricNames
{
    public static string Of(Instrument instrument)
    {
        string name = Sanitize(instrument.Name, allowColon: true);
        if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
        {
            name += "_seconds";
        }
        if (KindOf(instrument) is InstrumentKind.Counter or InstrumentKind.ObservableCounter && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    public static InstrumentKind? KindOf(Instrument instrument)
    {
        if (instrument.GetType() is not { IsGenericType: true } type)
        {
            return null;
        }
        Type definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? InstrumentKind.Counter
            : definition == typeof(ObservableCounter<>) ? InstrumentKind.ObservableCounter
            : definition == typeof(UpDownCounter<>) ? InstrumentKind.UpDownCounter
            : definition == typeof(Histogram<>) ? InstrumentKind.Histogram
            : definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) || definition == typeof(Gauge<>) ? InstrumentKind.Gauge
            : null;
    }

    /// <summary>A tag name as a label name: [a-zA-Z_][a-zA-Z0-9_]*, other characters become "_".</summary>
    public static string LabelName(string tag) => Sanitize(tag, allowColon: false);

    /// <summary>A tag value as text: invariant culture, booleans in lower case, null as empty.</summary>
    public static string TagValue(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var sanitized = new StringBuilder(name.Length + 1);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            sanitized.Append('_');
        }
        foreach (char c in name)
        {
            sanitized.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }
        return sanitized.ToString();
    }
}
