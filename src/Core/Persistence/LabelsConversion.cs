using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>Stores a string map (alert labels, annotations) as a JSON text column, compared by content.</summary>
internal static class LabelsConversion
{
    private static readonly ValueComparer<Dictionary<string, string>> s_byContent = new(
        (left, right) => SameContent(left, right),
        map => map.OrderBy(pair => pair.Key, StringComparer.Ordinal).Aggregate(0, (hash, pair) => HashCode.Combine(hash, pair.Key, pair.Value)),
        map => new Dictionary<string, string>(map));

    public static PropertyBuilder<Dictionary<string, string>> StoredAsJson(this PropertyBuilder<Dictionary<string, string>> property) => property
        .HasConversion(
            map => JsonSerializer.Serialize(map, LabelsJsonContext.Default.DictionaryStringString),
            json => JsonSerializer.Deserialize(json, LabelsJsonContext.Default.DictionaryStringString) ?? new Dictionary<string, string>(),
            s_byContent)
        .IsRequired();

    /// <summary>Same pairs; looked up by key, as a set of pairs would hash each pair by reflection (the change tracker asks this for every label column).</summary>
    private static bool SameContent(Dictionary<string, string>? left, Dictionary<string, string>? right) =>
        left != null && right != null && left.Count == right.Count
        && left.All(pair => right.TryGetValue(pair.Key, out string? value) && string.Equals(value, pair.Value, StringComparison.Ordinal));
}
