using ChatOpsIncidents.Bot.Silences;

namespace ChatOpsIncidents.Bot.Maintenance;

/// <summary>A maintenance window as the API shows it; times in ISO 8601 with their offset (UTC, as Alertmanager keeps them).</summary>
/// <param name="State">Alertmanager's: "pending" until the window starts, then "active".</param>
public sealed record MaintenanceWindowView(
    string Id, IReadOnlyList<SilenceMatcher> Matchers, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string State, string Reason, string CreatedBy)
{
    internal static MaintenanceWindowView From(GettableSilence window) => new(
        window.Id, window.Matchers, window.StartsAt.ToUniversalTime(), window.EndsAt.ToUniversalTime(), window.Status.State,
        MaintenanceWindows.ReasonOf(window), window.CreatedBy);
}

/// <summary>Body of GET /api/maintenance: the windows to come and under way, the soonest first.</summary>
public sealed record MaintenanceWindowListView(IReadOnlyList<MaintenanceWindowView> Items);
