using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// How the person who declared an incident (by command or with the form) is answered: at once with its key, then, once delivery
/// created its channel, with a link to that channel, where they are invited as its commander.
/// </summary>
internal sealed partial class DeclaredIncidentReply(IncidentQueries queries, SlackFollowUp followUp, TimeProvider time, ILogger<DeclaredIncidentReply> logger)
{
    private static readonly TimeSpan s_lookEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>Long enough for delivery to create a channel in an ordinary Slack slowdown; an outage only costs the link.</summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    public static string Declared(Incident incident) =>
        $"Declared *{incident.Key}* ({incident.Severity.ToDisplay()}): {Mrkdwn.Escape(incident.Title)}. You are its commander; its channel follows here.";

    /// <summary>
    /// In the background, tells <paramref name="target"/> <see cref="Declared"/> unless <paramref name="declarationTold"/> (a
    /// command's answer told it), then the channel's link once it exists.
    /// </summary>
    public static void FollowUp(SlackBackgroundWork background, Incident incident, ReplyTarget target, bool declarationTold)
    {
        string? declared = declarationTold ? null : Declared(incident);
        background.Start("telling a declarer their incident's channel", (services, token) =>
            services.GetRequiredService<DeclaredIncidentReply>().TellAsync(incident.Key, declared, target, token));
    }

    private async Task TellAsync(IncidentKey key, string? declared, ReplyTarget target, CancellationToken cancellationToken)
    {
        if (declared is not null)
        {
            await followUp.TellAsync(target, declared, cancellationToken);
        }
        DateTimeOffset giveUpAt = time.GetUtcNow() + s_patience;
        while (true)
        {
            if ((await queries.ChannelsAsync([key], cancellationToken)).GetValueOrDefault(key) is { } channel)
            {
                await followUp.TellAsync(target, $"*{key}* has its channel: {Mrkdwn.Channel(channel)}", cancellationToken);
                return;
            }
            if (time.GetUtcNow() >= giveUpAt)
            {
                LogNoChannelYet(logger, key);
                return;
            }
            await Task.Delay(s_lookEvery, time, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 2267, Level = LogLevel.Warning, Message = "{Incident} had no channel 30 s after it was declared; its declarer was not sent the link")]
    private static partial void LogNoChannelYet(ILogger logger, IncidentKey incident);
}
