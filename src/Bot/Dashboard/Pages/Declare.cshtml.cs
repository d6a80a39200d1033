using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary>
/// <c>/declare</c>: a signed-in responder declares an incident by hand, as <c>/incident declare</c> does in Slack (a person
/// Slack knows becomes its commander, and is recorded as that Slack user: <see cref="SignedInPerson.FindInChatAsync"/>), and
/// lands on its page; a refused form comes back with what was typed.
/// </summary>
[Authorize(Policy = SignInPolicies.SignedInResponder)]
[RequestSizeLimit(IncidentEndpoints.MaxBodyBytes)]
public sealed class DeclareModel(IncidentService incidents, IPeopleDirectory people) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string Severity { get; set; } = Core.Incidents.Severity.Sev3.ToDisplay();

    [BindProperty]
    public string? Service { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public string? Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!SeverityText.TryParse(Severity, out Severity severity))
        {
            Refused = $"\"{Severity}\" is not a severity: choose SEV1, SEV2, SEV3 or SEV4.";
            return Page();
        }
        SignedInPerson signedIn = SignedInPerson.Required(User);
        SignedInPerson person = signedIn with { SlackUserId = (await signedIn.FindInChatAsync(people, cancellationToken)).PersonId };
        var declared = new DeclaredIncident(Title?.Trim() ?? "", severity, FormText.Optional(Service), FormText.Optional(Description), person.SlackUserId);
        IncidentCommandResult result = await incidents.DeclareAsync(declared, person.ToActor(), cancellationToken);
        if (!result.Succeeded)
        {
            Refused = result.Error.Message;
            return Page();
        }
        TempData[Flash.Done] = $"Declared {result.Incident.Key}.";
        return RedirectToPage("/Incident", new { key = result.Incident.Key.ToString() });
    }
}
