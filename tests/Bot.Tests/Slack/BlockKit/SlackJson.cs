using System.Text.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Tests.Slack.BlockKit;

/// <summary>Block Kit as Slack receives it, and JSON comparison that ignores property order and whitespace only.</summary>
internal static class SlackJson
{
    public static string Of(Block block) => JsonSerializer.Serialize(block, SlackTestJsonContext.Default.Block);

    public static string Of(BlockElement element) => JsonSerializer.Serialize(element, SlackTestJsonContext.Default.BlockElement);

    public static string Of(TextObject text) => JsonSerializer.Serialize(text, SlackTestJsonContext.Default.TextObject);

    public static string Of(MenuOption option) => JsonSerializer.Serialize(option, SlackTestJsonContext.Default.MenuOption);

    public static JsonObject Node(SlackMessageContent message) =>
        JsonNode.Parse(JsonSerializer.Serialize(message, SlackTestJsonContext.Default.SlackMessageContent))!.AsObject();

    public static void Equal(string expected, string actual)
    {
        JsonNode? expectedNode = JsonNode.Parse(expected);
        JsonNode? actualNode = JsonNode.Parse(actual);
        Assert.True(
            JsonNode.DeepEquals(expectedNode, actualNode),
            $"Expected:\n{expectedNode?.ToJsonString()}\nActual:\n{actualNode?.ToJsonString()}");
    }

    public static void Equal(string expected, JsonNode? actual) => Equal(expected, actual?.ToJsonString() ?? "null");
}
