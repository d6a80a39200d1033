using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Runs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary>
/// <c>/incidents/{key}</c>: the incident as <c>GET /api/incidents/{key}</c> gives it (facts, alerts, timeline, escalation pages),
/// with its runbook runs, its postmortem draft as HTML and a link to its Slack channel; for a signed-in responder, the forms
/// that act on it (<see cref="IncidentActionsModel"/>).
/// </summary>
public sealed class IncidentModel(
    IncidentQueries queries, EventQueries events, IPeopleDirectory people, RunbookRuns runs, PostmortemDrafts drafts, IAuthorizationService authorization)
    : PageModel
{
    /// <summary>Whether the reader is a signed-in responder, who gets the forms.</summary>
    public bool MayAct { get; private set; }

    /// <summary>Whether the reader may take the incident: an assignee is a Slack user, so only a responder Slack knows (<see cref="SignedInPerson.FindInChatAsync"/>).</summary>
    public bool MayAssignToSelf { get; private set; }

    public IncidentDetailsView Details { get; private set; } = null!;

    /// <summary>The commander's and the assignee's names (their ids when the directory does not know them).</summary>
    public string? Commander { get; private set; }

    public string? Assignee { get; private set; }

    public IReadOnlyList<RunbookRun> Runs { get; private set; } = [];

    /// <summary>The draft rendered by <see cref="SafeMarkdown"/>: safe to write as it is.</summary>
    public string? PostmortemHtml { get; private set; }

    public string? SlackChannelUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (!IncidentKey.TryParse(key, out IncidentKey incidentKey)
            || await IncidentDetailsView.LoadAsync(incidentKey, queries, events, people, cancellationToken) is not { } details)
        {
            return NotFound();
        }
        Details = details;
        string[] ids = [.. new[] { details.Incident.Commander, details.Incident.Assignee }.OfType<string>()];
        IReadOnlyDictionary<string, string> names = await people.NamesAsync(ids, cancellationToken);
        Commander = details.Incident.Commander is { } commander ? names.GetValueOrDefault(commander, commander) : null;
        Assignee = details.Incident.Assignee is { } assignee ? names.GetValueOrDefault(assignee, assignee) : null;
        Runs = await runs.ForIncidentAsync(incidentKey, cancellationToken);
        PostmortemHtml = await drafts.RenderAsync(incidentKey, cancellationToken) is { } draft ? SafeMarkdown.Render(draft) : null;
        IReadOnlyDictionary<IncidentKey, string> channels = await queries.ChannelsAsync([incidentKey], cancellationToken);
        MayAct = (await authorization.AuthorizeAsync(User, SignInPolicies.SignedInResponder)).Succeeded;
        MayAssignToSelf = MayAct && (await SignedInPerson.Required(User).FindInChatAsync(people, cancellationToken)).PersonId is not null;
        SlackChannelUrl = channels.TryGetValue(incidentKey, out string? channel) ? $"https://slack.com/app_redirect?channel={Uri.EscapeDataString(channel)}" : null;
        return Page();
    }
}
