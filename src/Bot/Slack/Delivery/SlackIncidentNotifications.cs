using System.Text;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Postmortems;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>
/// What a timeline entry asks of Slack beyond its line in the incident channel: the direct messages of a postmortem
/// reminder, the postmortem draft as a file (one per incident: a new draft replaces the one shared before), the overdue notice in Slack:IncidentsChannel (escalation pages have a lane
/// of their own, <see cref="SlackPageDispatcher"/>). Done before the entry is recorded as delivered, so a failure is
/// retried (a crash in between may repeat a message, never lose one); what Slack refuses for good is skipped
/// (<see cref="SlackRefusals"/>): a person Slack cannot message does not keep the others from theirs.
/// </summary>
internal sealed class SlackIncidentNotifications(
    ISlackApi slack,
    DirectMessageConversations directMessages,
    SlackRefusals refusals,
    IOptions<SlackOptions> options,
    PostmortemDrafts drafts)
{
    public Task DeliverAsync(
        Incident incident, IncidentDelivery delivery, string channel, TimelineEntry entry, OutboxClaims claims, CancellationToken cancellationToken) => entry.Kind switch
        {
            TimelineEntryKind.PostmortemDrafted => ShareDraftAsync(incident, delivery, channel, entry, claims, cancellationToken),
            TimelineEntryKind.PostmortemNotNeeded => WithdrawDraftAsync(incident, delivery, claims, cancellationToken),
            TimelineEntryKind.PostmortemReminder => RemindAsync(incident, channel, entry, claims, cancellationToken),
            TimelineEntryKind.PostmortemOverdue => refusals.TryAsync(incident, claims, "report the overdue postmortem in the incidents channel",
                () => ReportOverdueAsync(incident, channel, entry, cancellationToken)),
            _ => Task.CompletedTask,
        };

    /// <summary>
    /// Shares the draft in place of the one shared before (a reopened incident is drafted again as it resolves again): Slack
    /// cannot edit a file's content, so the earlier file is deleted, first, so that a failure in between never leaves two.
    /// </summary>
    private async Task ShareDraftAsync(
        Incident incident, IncidentDelivery delivery, string channel, TimelineEntry entry, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (incident.MarkedNoiseAt is not null)
        {
            return; // marked not actionable since: no postmortem is asked for
        }
        await WithdrawDraftAsync(incident, delivery, claims, cancellationToken);
        string? shared = null;
        await refusals.TryAsync(incident, claims, "upload the postmortem draft",
            async () => shared = await UploadDraftAsync(incident, channel, entry, cancellationToken));
        delivery.PostmortemDraftShared(shared);
        await claims.SaveAsync(cancellationToken);
    }

    /// <summary>Deletes the draft shared in the channel, if any.</summary>
    private async Task WithdrawDraftAsync(Incident incident, IncidentDelivery delivery, OutboxClaims claims, CancellationToken cancellationToken)
    {
        if (delivery.PostmortemDraftFileId is { } shared)
        {
            await refusals.TryAsync(incident, claims, "delete the previous postmortem draft", () => slack.DeleteFileAsync(shared, cancellationToken));
            delivery.PostmortemDraftShared(null);
            await claims.SaveAsync(cancellationToken);
        }
    }

    private async Task<string> UploadDraftAsync(Incident incident, string channel, TimelineEntry entry, CancellationToken cancellationToken)
    {
        string draft = await drafts.RenderAsync(incident.Key, cancellationToken) ?? "";
        string owner = entry.RecipientIds is [{ } id, ..] ? $" {Mrkdwn.User(id)} will be reminded at 24 h and 48 h; mark" : " Mark";
        return await slack.UploadFileAsync(new FileUpload(channel, $"{incident.Key}-postmortem.md", Encoding.UTF8.GetBytes(draft))
        {
            Title = $"Postmortem draft: {incident.Key}",
            InitialComment = $"📝 The postmortem draft of *{incident.Key}* is ready.{owner} it done with `/incident postmortem {incident.Key} done <link>`.",
        }, cancellationToken);
    }

    private async Task RemindAsync(Incident incident, string channel, TimelineEntry entry, OutboxClaims claims, CancellationToken cancellationToken)
    {
        string text = $"⏳ {Mrkdwn.Escape(entry.Text)}. The draft is in {Mrkdwn.Channel(channel)}; when it is done: `/incident postmortem {incident.Key} done <link>`.";
        if (entry.RecipientIds.Count == 0)
        {
            await refusals.TryAsync(incident, claims, "post the postmortem reminder",
                () => slack.PostMessageAsync(new PostMessageRequest(channel, text), cancellationToken));
            return;
        }
        var message = new SlackMessageContent(text, [new SectionBlock(new MrkdwnText(text, Verbatim: true))]);
        foreach (string user in entry.RecipientIds)
        {
            await refusals.TryAsync(incident, claims, $"remind {user} of the postmortem", () => directMessages.SendAsync(user, message, cancellationToken));
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
}
