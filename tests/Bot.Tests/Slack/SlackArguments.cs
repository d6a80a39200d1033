using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>
/// The arguments of one Web API call as Slack reads them: from a JSON object, or from a form whose complex values
/// (<c>blocks</c>, <c>view</c>, <c>files</c>) are JSON strings.
/// </summary>
public sealed class SlackArguments(JsonObject? json, IReadOnlyDictionary<string, string>? form)
{
    public static SlackArguments None { get; } = new(null, null);

    /// <summary>A string argument; JSON numbers and booleans come as their JSON text. Null when absent.</summary>
    public string? Text(string name)
    {
        if (json is not null)
        {
            return json[name] switch
            {
                null => null,
                JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                JsonNode node => node.ToJsonString(),
            };
        }
        return form is not null && form.TryGetValue(name, out string? text) ? text : null;
    }

    /// <summary>A complex argument: the JSON node, or a form value parsed as JSON (a plain string when it is none).</summary>
    public JsonNode? Node(string name)
    {
        if (json is not null)
        {
            return json[name]?.DeepClone();
        }
        if (form is null || !form.TryGetValue(name, out string? text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>A boolean argument: JSON true, or "true"/"1".</summary>
    public bool Flag(string name) => Text(name) is "true" or "1";
}
