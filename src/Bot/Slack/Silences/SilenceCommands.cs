using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Requests;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.Silences;

/// <summary>
/// <c>/incident silence</c> shows the silence it would make (<see cref="SilenceConfirmation"/>), made when the person presses
/// Silence; <c>/incident unsilence</c> lifts it after the answer, since Alertmanager may take longer than Slack waits.
/// </summary>
internal sealed class SilenceCommands(IncidentSilencing silencing, IOptions<AlertmanagerApiOptions> alertmanager, SlackBackgroundWork background)
{
    public static readonly CommandVerb Silence = CommandVerb.For<SilenceCommands>(
        "silence", "silence KEY DURATION [reason]",
        "silences the incident's alerts in Alertmanager for `30m`, `4h`, `2d` (at most 7d) or `until-resolved`, after showing you the silence",
        IncidentArgument.KeyThenWord,
        (commands, request, cancellationToken) => commands.SilenceAsync(request, cancellationToken))
        .ChangingTheIncident();

    public static readonly CommandVerb Unsilence = CommandVerb.For<SilenceCommands>(
        "unsilence", "unsilence KEY", "lifts the incident's silence, so its alerts page again", IncidentArgument.Key,
        (commands, request, _) => Task.FromResult(commands.StartUnsilence(request)))
        .ChangingTheIncident();

    private async Task<SlackReply?> SilenceAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        if (request.Arguments.Next() is not { } word)
        {
            return new SlackReply($"For how long? Usage: {request.Usage}");
        }
        if (!SilenceLength.TryParse(word, out SilenceLength length))
        {
            return new SlackReply($"“{SlackCommandText.Quote(word)}” is not a silence length: use `30m`, `4h`, `2d` (at most 7d) or `until-resolved`. Usage: {request.Usage}");
        }
        string typed = SlackCommandText.ToPlainText(request.Arguments.Rest);
        if (typed.Length > SilenceConfirmation.MaxReason)
        {
            return new SlackReply($"That reason is too long: {typed.Length} characters, at most {SilenceConfirmation.MaxReason}.");
        }
        SilencePlan plan = await silencing.PlanAsync(request.Incident, length, cancellationToken);
        return SilenceConfirmation.Render(plan, request.Incident, request.Caller.UserId, length, typed.Length == 0 ? null : typed);
    }

    private SlackReply? StartUnsilence(CommandRequest request)
    {
        if (!alertmanager.Value.IsConfigured)
        {
            return new SlackReply(IncidentSilencing.NotConfigured);
        }
        CommandCaller caller = request.Caller;
        background.Start("lifting a silence", async (services, token) =>
        {
            SilenceOutcome outcome = await services.GetRequiredService<IncidentSilencing>().UnsilenceAsync(request.Incident, caller.Actor, token);
            await services.GetRequiredService<SlackFollowUp>().TellAsync(caller.ReplyTarget, SilenceConfirmation.Outcome(request.Incident, outcome), token);
        });
        return new SlackReply($"Lifting the silence of *{request.Incident}* in Alertmanager…");
    }
}
