using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// A run waiting for its confirmation, carried by the Run button's value: the runbook, the incident and the parameter
/// values exactly as the confirmation showed them. The click runs the guards again as the person who clicked.
/// </summary>
internal sealed record PendingRun(string Runbook, long? Incident, Dictionary<string, string> Parameters)
{
    /// <summary>Null when it would not fit a button's value (very long parameter values).</summary>
    public string? ToValue()
    {
        string json = JsonSerializer.Serialize(this, RunbookSlackJsonContext.Default.PendingRun);
        return json.Length <= BlockKitLimits.ButtonValue ? json : null;
    }

    public static bool TryParse(string? value, [NotNullWhen(true)] out PendingRun? pending)
    {
        pending = null;
        try
        {
            pending = value is null ? null : JsonSerializer.Deserialize(value, RunbookSlackJsonContext.Default.PendingRun);
        }
        catch (JsonException)
        {
            pending = null;
        }
        return pending is not null;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(PendingRun))]
internal sealed partial class RunbookSlackJsonContext : JsonSerializerContext;
