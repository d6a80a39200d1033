using System.Text.Json.Serialization;

namespace ChatOpsIncidents.Bot.Silences;

/// <summary>A label matcher of Alertmanager's API v2; the bot makes only equality matchers.</summary>
public sealed record SilenceMatcher(string Name, string Value, bool IsRegex = false, bool IsEqual = true);

/// <summary>The body of <c>POST /api/v2/silences</c> (a postableSilence; no id: a new silence).</summary>
public sealed record PostableSilence(
    IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment);

/// <summary>A silence as <c>GET /api/v2/silences</c> lists it (a gettableSilence).</summary>
public sealed record GettableSilence(
    string Id, IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string CreatedBy, string Comment, SilenceStatus Status);

/// <summary>"active", "pending" or "expired".</summary>
public sealed record SilenceStatus(string State);

/// <summary>What <c>POST /api/v2/silences</c> answers.</summary>
public sealed record SilenceCreated([property: JsonPropertyName("silenceID")] string SilenceId);
