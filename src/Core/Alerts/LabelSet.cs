namespace ChatOpsIncidents.Core.Alerts;

internal static class LabelSet
{
    /// <summary>Same keys with the same values, in any order.</summary>
    public static bool AreEqual(IReadOnlyDictionary<string, string> stored, IReadOnlyDictionary<string, string> delivered) =>
        stored.Count == delivered.Count && delivered.All(pair => stored.TryGetValue(pair.Key, out string? value) && value == pair.Value);
}
