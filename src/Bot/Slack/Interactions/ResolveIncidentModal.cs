using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// The "Resolve INC-4" modal the card's Resolve button opens: what resolving does (the card's warning, counting the alerts
/// still firing), whether the incident was fixed or not actionable (noise), and an optional resolution note for the timeline. <c>private_metadata</c> names the incident and the person
/// it was opened for (<c>"INC-4 U0DANA001"</c>), and the submission is checked against both.
/// </summary>
internal static class ResolveIncidentModal
{
    public const string CallbackId = "incident-resolve-form";
    public const string NoteBlock = "note";
    public const string OutcomeBlock = "outcome";
    public const string Fixed = "fixed";
    public const string Noise = "noise";

    public static ModalView Build(Incident incident, string userId) => new(
        $"Resolve {incident.Key}",
        CallbackId,
        [
            new SectionBlock(new MrkdwnText(IncidentCard.ResolveWarning(incident), Verbatim: true)),
            new InputBlock(OutcomeBlock, "Outcome",
                new StaticSelectElement(DeclareIncidentModal.ValueAction)
                {
                    Options = [new MenuOption("Fixed", Fixed), new MenuOption("Not actionable (noise)", Noise)],
                    InitialOption = new MenuOption("Fixed", Fixed),
                }),
            new InputBlock(NoteBlock, "Resolution note",
                new PlainTextInputElement(DeclareIncidentModal.ValueAction, "What fixed it? It goes on the timeline.")
                {
                    Multiline = true,
                    MaxLength = TextLimits.Note,
                },
                optional: true),
        ],
        submit: "Resolve",
        close: "Cancel",
        privateMetadata: $"{incident.Key} {userId}");

    /// <summary>Whether the submitted form is the one opened for <paramref name="userId"/>, and for which incident.</summary>
    public static bool IsFor(InteractionView? view, string userId, out IncidentKey key)
    {
        string[] parts = (view?.PrivateMetadata ?? "").Split(' ');
        key = default;
        return parts.Length == 2 && parts[1] == userId && IncidentKey.TryParse(parts[0], out key);
    }

    /// <summary>What the form asks for: resolving, as not actionable when so chosen, with the note typed (null when left empty).</summary>
    public static ResolveArguments Resolution(InteractionView? view) => new(
        view?.State?.Find(OutcomeBlock, DeclareIncidentModal.ValueAction)?.SelectedOption?.Value == Noise,
        Note(view));

    /// <summary>The note typed, or null when left empty.</summary>
    private static string? Note(InteractionView? view) =>
        view?.State?.Find(NoteBlock, DeclareIncidentModal.ValueAction)?.Value?.Trim() is { Length: > 0 } note ? note : null;
}
