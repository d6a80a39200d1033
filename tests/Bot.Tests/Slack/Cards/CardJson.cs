using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Slack.Cards;

/// <summary>Finding things in a rendered card's JSON.</summary>
internal static class CardJson
{
    public static IReadOnlyList<JsonObject> Blocks(JsonObject message) => [.. message["blocks"]!.AsArray().Select(block => block!.AsObject())];

    public static IReadOnlyList<JsonObject> BlocksOfType(JsonObject message, string type) =>
        [.. Blocks(message).Where(block => (string?)block["type"] == type)];

    public static IReadOnlyList<string> SectionTexts(JsonObject message) =>
        [.. BlocksOfType(message, "section").Select(section => (string?)section["text"]?["text"]).OfType<string>()];

    /// <summary>Every text Slack reads as mrkdwn: the fallback text and each mrkdwn text object, wherever it sits.</summary>
    public static IReadOnlyList<string> MrkdwnTexts(JsonObject message)
    {
        List<string> texts = [(string)message["text"]!];
        Collect(message["blocks"], texts);
        return texts;
    }

    private static void Collect(JsonNode? node, List<string> texts)
    {
        switch (node)
        {
            case JsonObject obj:
                if ((string?)obj["type"] == "mrkdwn")
                {
                    texts.Add((string)obj["text"]!);
                }
                foreach ((string _, JsonNode? child) in obj)
                {
                    Collect(child, texts);
                }
                break;
            case JsonArray array:
                foreach (JsonNode? child in array)
                {
                    Collect(child, texts);
                }
                break;
        }
    }
}
