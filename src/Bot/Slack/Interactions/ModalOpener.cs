using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;

namespace ChatOpsIncidents.Bot.Slack.Interactions;

/// <summary>
/// Opens a modal with <c>views.open</c> (the declare form, the resolve form), right after the command or click that asked for it
/// was answered: the trigger id lives about 3 s. When Slack refuses, the person is told how to do it without the form.
/// </summary>
internal sealed partial class ModalOpener(ISlackApi slack, SlackFollowUp followUp, ILogger<ModalOpener> logger)
{
    /// <param name="instead">How to do it without the form: "Declare with `/incident new [SEV1-4] title` instead."</param>
    public async Task OpenAsync(string triggerId, ModalView view, ReplyTarget target, string instead, CancellationToken cancellationToken)
    {
        try
        {
            await slack.OpenViewAsync(triggerId, view, cancellationToken);
        }
        catch (SlackApiException exception)
        {
            LogNotOpened(logger, view.CallbackId, exception.Error);
            await followUp.TellAsync(target, $"I could not open the form (Slack said `{exception.Error}`). {instead}", cancellationToken);
        }
    }

    /// <summary>Opens it once the current request was answered, in the background, as the 3 s of the trigger id allow.</summary>
    public static void Start(SlackBackgroundWork background, string triggerId, ModalView view, ReplyTarget target, string instead) =>
        background.Start($"opening the {view.CallbackId} form", (services, token) =>
            services.GetRequiredService<ModalOpener>().OpenAsync(triggerId, view, target, instead, token));

    [LoggerMessage(EventId = 2260, Level = LogLevel.Warning, Message = "Could not open the {Form} form: Slack said {Error}")]
    private static partial void LogNotOpened(ILogger logger, string form, string error);
}
