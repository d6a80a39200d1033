namespace ChatOpsIncidents.Core.Incidents;

/// <summary>The "SEV1".."SEV4" spelling people type and read.</summary>
public static class SeverityText
{
    public static string ToDisplay(this Severity severity) => $"SEV{(int)severity}";

    /// <summary>Accepts "SEV2", "sev2" and "2".</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        string digits = text?.Trim() ?? "";
        if (digits.StartsWith("SEV", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[3..];
        }
        bool valid = digits.Length == 1 && digits[0] is >= '1' and <= '4';
        severity = valid ? (Severity)(digits[0] - '0') : default;
        return valid;
    }
}
