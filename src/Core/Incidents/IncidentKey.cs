using System.Globalization;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The human key of an incident, <c>INC-&lt;n&gt;</c>, where n is the incident's database id.</summary>
public readonly record struct IncidentKey(long Number)
{
    private const string Prefix = "INC-";

    public override string ToString() => Prefix + Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts "INC-42", "inc-42" and "42".</summary>
    public static bool TryParse(string? text, out IncidentKey key)
    {
        ReadOnlySpan<char> digits = (text ?? "").AsSpan().Trim();
        if (digits.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[Prefix.Length..];
        }
        bool valid = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long number) && number > 0;
        key = valid ? new IncidentKey(number) : default;
        return valid;
    }
}
