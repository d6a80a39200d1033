using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// The "Declare incident" modal that <c>/incident new</c> opens: title, severity, service and description. Each input's
/// block id names it in <c>view.state.values</c> and in the errors sent back; <c>private_metadata</c> carries the channel the
/// command was typed in, so the confirmation can be shown there.
/// </summary>
internal static class DeclareIncidentModal
{
    public const string CallbackId = "incident-declare";
    public const string TitleBlock = "title";
    public const string SeverityBlock = "severity";
    public const string ServiceBlock = "service";
    public const string DescriptionBlock = "description";
    public const string ValueAction = "value";

    public static ModalView Build(Severity severity, string? originChannel)
    {
        List<MenuOption> severities = [.. Enum.GetValues<Severity>().Select(Option)];
        return new ModalView(
            "Declare incident",
            CallbackId,
            [
                new InputBlock(TitleBlock, "Title",
                    new PlainTextInputElement(ValueAction, "What is broken, in a few words") { MaxLength = TextLimits.Title }),
                new InputBlock(SeverityBlock, "Severity",
                    new StaticSelectElement(ValueAction) { Options = severities, InitialOption = Option(severity) },
                    hint: "SEV1 is the most severe."),
                new InputBlock(ServiceBlock, "Service",
                    new PlainTextInputElement(ValueAction, "e.g. checkout-api") { MaxLength = TextLimits.Service }, optional: true),
                new InputBlock(DescriptionBlock, "Description",
                    new PlainTextInputElement(ValueAction, "What do you see? Who is affected?") { Multiline = true, MaxLength = TextLimits.Description },
                    optional: true),
            ],
            submit: "Declare",
            close: "Cancel",
            privateMetadata: originChannel);
    }

    /// <summary>
    /// The incident the submitted form describes, or the errors to show under its inputs. Slack checks required inputs and
    /// lengths itself; this checks again, since the payload is all the bot can trust.
    /// </summary>
    public static (DeclaredIncident? Declared, IReadOnlyDictionary<string, string> Errors) Read(ViewState? state)
    {
        Dictionary<string, string> errors = [];
        string? title = Text(state, TitleBlock);
        if (title is null)
        {
            errors[TitleBlock] = "Give the incident a title.";
        }
        else if (title.Length > TextLimits.Title)
        {
            errors[TitleBlock] = $"Keep the title to {TextLimits.Title} characters.";
        }
        string? severityValue = state?.Find(SeverityBlock, ValueAction)?.SelectedOption?.Value;
        if (!SeverityText.TryParse(severityValue, out Severity severity))
        {
            errors[SeverityBlock] = "Choose a severity from SEV1 to SEV4.";
        }
        string? service = Text(state, ServiceBlock);
        if (service?.Length > TextLimits.Service)
        {
            errors[ServiceBlock] = $"Keep the service name to {TextLimits.Service} characters.";
        }
        string? description = Text(state, DescriptionBlock);
        if (description?.Length > TextLimits.Description)
        {
            errors[DescriptionBlock] = $"Keep the description to {TextLimits.Description} characters.";
        }
        return errors.Count > 0 ? (null, errors) : (new DeclaredIncident(title!, severity, service, description), errors);
    }

    private static MenuOption Option(Severity severity) => new($"{IncidentEmoji.For(severity)} {severity.ToDisplay()}", severity.ToDisplay());

    private static string? Text(ViewState? state, string blockId) =>
        state?.Find(blockId, ValueAction)?.Value?.Trim() is { Length: > 0 } text ? text : null;
}
