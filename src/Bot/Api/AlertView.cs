using ChatOpsIncidents.Core.Alerts;

namespace ChatOpsIncidents.Bot.Api;

public sealed record AlertView(
    string Fingerprint,
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl)
{
    public static AlertView From(Alert alert) => new(
        alert.Fingerprint,
        alert.Status.ToString().ToLowerInvariant(),
        alert.Labels,
        alert.Annotations,
        alert.StartsAt,
        alert.EndsAt,
        alert.GeneratorUrl);
}
