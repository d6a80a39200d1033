using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatOpsIncidents.Bot.Tests.Notifications;

/// <summary>One request a <see cref="ReceiverStandIn"/> received, whatever it answered, with the time on the stand-in's clock.</summary>
public sealed record ReceivedRequest(string Path, DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public Dictionary<string, string> Form => QueryHelpers.ParseQuery(Text).ToDictionary(p => p.Key, p => p.Value.ToString());

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
