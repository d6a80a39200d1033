using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>Reaches a page's recipient on one channel; a failed attempt throws <see cref="NotificationFailure"/>.</summary>
internal interface INotificationSender
{
    PageChannel Channel { get; }

    /// <summary>
    /// Tells the page's recipient about its incident: <see cref="IncidentStatus.Triggered"/> is the page itself; the incident's
    /// later statuses are told only on a channel that follows the incident.
    /// </summary>
    Task SendAsync(Page page, IncidentStatus status, CancellationToken cancellationToken);
}
