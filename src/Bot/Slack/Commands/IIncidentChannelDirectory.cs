using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// Which incident a Slack channel belongs to, so that <c>/incident ack</c> typed in an incident's channel needs no key.
/// The channel↔incident mapping is written by the outbox delivery when it creates the channel; the host registers the
/// implementation. Without one registered, every subcommand that acts on an incident needs its key.
/// </summary>
public interface IIncidentChannelDirectory
{
    /// <summary>The incident whose channel <paramref name="channelId"/> (<c>C…</c>) is, or null when it is no incident's channel.</summary>
    Task<IncidentKey?> FindByChannelAsync(string channelId, CancellationToken cancellationToken);
}
