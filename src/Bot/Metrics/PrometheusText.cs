using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ChatOpsIncidents.Bot.Metrics;

/// <summary>
/// The spelling rules of the Prometheus text exposition format 0.0.4: metric and label names, escaped label values and
/// help text, and numbers.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The agreed conversion: "." and "-" (and anything else a name cannot hold) become "_", unit "s" appends "_seconds"
    /// unless the name ends so already, and counters append "_total".
    /// </summary>
    public static string MetricName(Instrument instrument)
    {
        string name = Sanitize(instrument.Name, allowColon: true);
        if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
        {
            name += "_seconds";
        }
        if (IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    public static bool IsCounter(Instrument instrument) => KindOf(instrument) is { } kind && (kind == typeof(Counter<>) || kind == typeof(ObservableCounter<>));

    /// <summary>The instrument's generic type definition, such as <c>Histogram&lt;&gt;</c>.</summary>
    public static Type? KindOf(Instrument instrument) => instrument.GetType() is { IsGenericType: true } type ? type.GetGenericTypeDefinition() : null;

    /// <summary>A tag name as a label name: [a-zA-Z_][a-zA-Z0-9_]*, other characters become "_".</summary>
    public static string LabelName(string tag) => Sanitize(tag, allowColon: false);

    /// <summary>A label value between double quotes: backslash, double quote and line feed escaped.</summary>
    public static string LabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Help text: backslash and line feed escaped.</summary>
    public static string Help(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value or bucket bound: shortest round-trip form, "+Inf", "-Inf" or "NaN".</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

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
