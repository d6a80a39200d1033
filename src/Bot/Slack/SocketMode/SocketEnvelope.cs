using System.Text.Json;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

/// <summary>
/// A message from Slack on a Socket Mode connection: <c>hello</c>, <c>disconnect</c> (with <see cref="Reason"/>), or an envelope
/// to acknowledge (<see cref="EnvelopeId"/>) carrying what the HTTP request would have carried in <see cref="Payload"/>.
/// </summary>
internal sealed record SocketEnvelope(string Type)
{
    public const string Hello = "hello";
    public const string Disconnect = "disconnect";
    public const string SlashCommands = "slash_commands";
    public const string Interactive = "interactive";
    public const string EventsApi = "events_api";

    /// <summary>Longer ids are not Slack's: they are refused rather than stored.</summary>
    public const int MaxEnvelopeIdLength = 100;

    public string? EnvelopeId { get; init; }

    public JsonElement? Payload { get; init; }

    public bool AcceptsResponsePayload { get; init; }

    /// <summary>0 for the first delivery; Slack counts up when it delivers again because no ack came.</summary>
    public int RetryAttempt { get; init; }

    /// <summary>Why Slack disconnects: <c>warning</c>, <c>refresh_requested</c> or <c>link_disabled</c>.</summary>
    public string? Reason { get; init; }
}

/// <summary>The acknowledgement of an envelope, with the immediate answer in <see cref="Payload"/> where Slack accepts one.</summary>
internal sealed record SocketAck(string EnvelopeId, JsonElement? Payload);

/// <summary>The answer to <c>apps.connections.open</c>.</summary>
internal sealed record ConnectionsOpenResponse(bool Ok, string? Url, string? Error);
