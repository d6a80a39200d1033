namespace ChatOpsIncidents.Bot.Events;

/// <summary>PagerDuty's answer shape, so that senders' retry logic works unchanged: 202 with the dedup key, 4xx with errors.</summary>
public sealed record PagerDutyAnswer(string Status, string Message, string? DedupKey = null, IReadOnlyList<string>? Errors = null)
{
    public static PagerDutyAnswer Processed(string dedupKey) => new("success", "Event processed", dedupKey);

    public static PagerDutyAnswer Invalid(IReadOnlyList<string> errors) => new("invalid event", "Event object is invalid", Errors: errors);

    public static PagerDutyAnswer Unrecognized(string error) => new("Unrecognized object", "Event object format is unrecognized", Errors: [error]);
}
