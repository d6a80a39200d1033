using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>Knows which channel belongs to which incident from what delivery recorded when it created the channel.</summary>
internal sealed class IncidentChannelDirectory(IncidentQueries queries) : IIncidentChannelDirectory
{
    public Task<IncidentKey?> FindByChannelAsync(string channelId, CancellationToken cancellationToken) =>
        queries.FindByChannelAsync(channelId, cancellationToken);
}
