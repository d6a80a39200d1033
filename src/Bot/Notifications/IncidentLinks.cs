using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>Where a notification points for the incident: its dashboard page when the dashboard's URL is configured, else its Slack channel.</summary>
internal sealed class IncidentLinks(IOptions<NotificationOptions> options, IncidentQueries queries)
{
    /// <summary>The link, or null when there is no dashboard URL and the incident has no channel (yet).</summary>
    public async Task<Uri?> ForAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (options.Value.DashboardRoot is { } dashboard)
        {
            return new Uri(dashboard, $"incidents/{incident.Key}");
        }
        IReadOnlyDictionary<IncidentKey, string> channels = await queries.ChannelsAsync([incident.Key], cancellationToken);
        return channels.TryGetValue(incident.Key, out string? channel)
            ? new Uri($"https://slack.com/app_redirect?channel={Uri.EscapeDataString(channel)}")
            : null;
    }
}
