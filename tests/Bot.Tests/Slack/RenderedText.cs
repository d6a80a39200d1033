using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Slack;

internal static class RenderedText
{
    /// <summary>Every string in what the bot sent Slack that Slack renders: all but the texts of <c>plain_text</c> objects, shown as written.</summary>
    public static IEnumerable<string> Of(JsonNode? node) => node switch
    {
        JsonObject plain when plain["type"] is JsonValue type && type.GetValue<string>() == "plain_text" => [],
        JsonObject obj => obj.SelectMany(property => Of(property.Value)),
        JsonArray array => array.SelectMany(Of),
        JsonValue value when value.TryGetValue(out string? text) => [text],
        _ => [],
    };
}
