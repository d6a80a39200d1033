using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>
/// One request the Slack stand-in received, whatever it answered: the Web API method (or <c>upload</c> for the POST of a
/// file's bytes), when it arrived on the stand-in's clock, its headers, the raw body, and the body parsed as JSON or as a form.
/// </summary>
public sealed record RecordedCall(
    string Method,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string> Headers,
    string? ContentType,
    byte[] Body,
    JsonObject? Json,
    IReadOnlyDictionary<string, string>? Form)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
