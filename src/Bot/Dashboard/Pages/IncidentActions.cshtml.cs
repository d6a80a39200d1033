using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary>
/// The forms of <c>/incidents/{key}</c>: a signed-in responder acknowledges, resolves, assigns to themselves, changes the
/// severity or adds a note, through the commands Slack and the API use; each answers with a redirect back to the incident,
/// which says what was done or why it was refused (<see cref="Flash"/>).
/// </summary>
[Authorize(Policy = SignInPolicies.SignedInResponder)]
[RequestSizeLimit(IncidentEndpoints.MaxBodyBytes)]
public sealed class IncidentActionsModel(IncidentService incidents, IPeopleDirectory people) : PageModel
{
    public Task<IActionResult> OnPostAcknowledgeAsync(string key, CancellationToken cancellationToken) => RunAsync(
        key, (incident, by) => incidents.AcknowledgeAsync(incident, by, cancellationToken), incident => $"Acknowledged {incident.Key}.");

    /// <param name="noise">The incident was not actionable (a false positive of its alert), the note saying why.</param>
    public Task<IActionResult> OnPostResolveAsync(string key, string? note, bool noise, CancellationToken cancellationToken) => RunAsync(
        key,
        (incident, by) => noise
            ? incidents.ResolveAsNoiseAsync(incident, by, FormText.Optional(note), cancellationToken)
            : incidents.ResolveAsync(incident, by, FormText.Optional(note), cancellationToken),
        incident => noise ? $"Resolved {incident.Key} as not actionable (noise)." : $"Resolved {incident.Key}.");

    /// <summary>
    /// Assigns the incident to the signed-in person as a Slack user (assignees are: the cards mention them), recorded as done by
    /// that Slack user; refused, saying why, for a person Slack does not know (<see cref="SignedInPerson.FindInChatAsync"/>).
    /// </summary>
    public async Task<IActionResult> OnPostAssignAsync(string key, CancellationToken cancellationToken)
    {
        PersonMatch inSlack = await Person.FindInChatAsync(people, cancellationToken);
        return await RunAsync(
            key,
            (incident, by) => inSlack.PersonId is { } slackUser
                ? incidents.AssignAsync(incident, slackUser, by, cancellationToken)
                : Task.FromResult(IncidentCommandResult.Failure(IncidentError.InvalidInput(
                    $"Assigning to yourself needs your Slack user (an assignee is one), and {inSlack.WhyNone}. Assign from Slack instead."))),
            incident => $"Assigned {incident.Key} to you.",
            Person with { SlackUserId = inSlack.PersonId });
    }

    public Task<IActionResult> OnPostSeverityAsync(string key, string? severity, CancellationToken cancellationToken) => RunAsync(
        key,
        (incident, by) => SeverityText.TryParse(severity, out Severity chosen)
            ? incidents.ChangeSeverityAsync(incident, chosen, by, cancellationToken)
            : Task.FromResult(IncidentCommandResult.Failure(IncidentError.InvalidInput($"\"{severity}\" is not a severity: choose SEV1, SEV2, SEV3 or SEV4."))),
        incident => $"{incident.Key} is now {incident.Severity.ToDisplay()}.");

    public Task<IActionResult> OnPostNoteAsync(string key, string? text, CancellationToken cancellationToken) => RunAsync(
        key, (incident, by) => incidents.AddNoteAsync(incident, text ?? "", by, cancellationToken), incident => $"Added your note to {incident.Key}.");

    private SignedInPerson Person => SignedInPerson.Required(User);

    /// <param name="actingAs">Who the timeline records: the signed-in person, unless given as found in Slack.</param>
    private async Task<IActionResult> RunAsync(
        string key, Func<IncidentKey, Actor, Task<IncidentCommandResult>> command, Func<Incident, string> done, SignedInPerson? actingAs = null)
    {
        if (!IncidentKey.TryParse(key, out IncidentKey incidentKey))
        {
            return NotFound();
        }
        IncidentCommandResult result = await command(incidentKey, (actingAs ?? Person).ToActor());
        if (result.Succeeded)
        {
            TempData[Flash.Done] = done(result.Incident);
        }
        else
        {
            TempData[Flash.Refused] = result.Error.Message;
        }
        return RedirectToPage("/Incident", new { key = incidentKey.ToString() });
    }
}
