using System.Text;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Postmortems;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// What a timeline entry asks of Slack beyond its line in the incident channel: the direct messages of a postmortem
/// reminder, the postmortem draft as a file, the overdue notice in Slack:IncidentsChannel (escalation pages have a lane
/// of their own, <see cref="SlackPageDispatcher"/>). Done before the entry is recorded as delivered, so a failure is
/// retried (a crash in between may repeat a message, never lose one).
/// </summary>
internal sealed partial class SlackIncidentNotifications(
    ISlackApi slack,
    DirectMessageConversations directMessages,
    IOptions<SlackOptions> options,
    PostmortemDrafts drafts,
    ILogger<SlackIncidentNotifications> logger)
{
    public Task DeliverAsync(Incident incident, string channel, TimelineEntry entry, CancellationToken cancellationToken) => entry.Kind switch
    {
        TimelineEntryKind.PostmortemDrafted => UploadDraftAsync(incident, channel, entry, cancellationToken),
        TimelineEntryKind.PostmortemReminder => RemindAsync(incident, channel, entry, cancellationToken),
        TimelineEntryKind.PostmortemOverdue => ReportOverdueAsync(incident, channel, entry, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task UploadDraftAsync(Incident incident, string channel, TimelineEntry entry, CancellationToken cancellationToken)
    {
        string draft = await drafts.RenderAsync(incident.Key, cancellationToken) ?? "";
        string owner = entry.RecipientIds is [{ } id, ..] ? $" {Mrkdwn.User(id)} will be reminded at 24 h and 48 h;" : "";
        await slack.UploadFileAsync(new FileUpload(channel, $"{incident.Key}-postmortem.md", Encoding.UTF8.GetBytes(draft))
        {
            Title = $"Postmortem draft: {incident.Key}",
            InitialComment = $"📝 The postmortem draft of *{incident.Key}* is ready.{owner} mark it done with `/incident postmortem {incident.Key} done <link>`.",
        }, cancellationToken);
    }

    private async Task RemindAsync(Incident incident, string channel, TimelineEntry entry, CancellationToken cancellationToken)
    {
        string text = $"⏳ {Mrkdwn.Escape(entry.Text)}. The draft is in {Mrkdwn.Channel(channel)}; when it is done: `/incident postmortem {incident.Key} done <link>`.";
        if (entry.RecipientIds.Count == 0)
        {
            await slack.PostMessageAsync(new PostMessageRequest(channel, text), cancellationToken);
            return;
        }
        foreach (string user in entry.RecipientIds)
        {
            await DirectMessageAsync(incident, user, new SlackMessageContent(text, [new SectionBlock(new MrkdwnText(text, Verbatim: true))]), cancellationToken);
        }
    }

    private async Task ReportOverdueAsync(Incident incident, string channel, TimelineEntry entry, CancellationToken cancellationToken)
    {
        if (options.Value.IncidentsChannel is not { Length: > 0 } incidentsChannel)
        {
            return;
        }
        string owner = entry.RecipientIds is [{ } id, ..] ? $" (owner {Mrkdwn.User(id)})" : "";
        string text = $"⏰ {Mrkdwn.Escape(entry.Text)}{owner}: *{Mrkdwn.Escape(incident.Title)}*, {Mrkdwn.Channel(channel)}";
        await slack.PostMessageAsync(new PostMessageRequest(incidentsChannel, text), cancellationToken);
    }

    /// <summary>A person Slack cannot message (a wrong id in the settings) is skipped and logged; the others still get theirs.</summary>
    private async Task DirectMessageAsync(Incident incident, string user, SlackMessageContent message, CancellationToken cancellationToken)
    {
        try
        {
            await directMessages.SendAsync(user, message, cancellationToken);
        }
        catch (SlackApiException exception) when (!exception.IsRetryable)
        {
            LogDirectMessageRefused(logger, incident.Key, user, exception.Method, exception.Error);
        }
    }

    [LoggerMessage(EventId = 2214, Level = LogLevel.Error, Message = "Slack refused {Method} to message {User} about {Incident} ({Error}); check the user id in the settings")]
    private static partial void LogDirectMessageRefused(ILogger logger, IncidentKey incident, string user, string method, string error);
}
