using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Events;
using ChatOpsIncidents.Bot.Slack.Interactions;
using ChatOpsIncidents.Bot.Slack.Runbooks;

namespace ChatOpsIncidents.Bot.Slack.Requests;

internal static class SlackInteractionsServiceCollectionExtensions
{
    /// <summary>
    /// What <c>/slack/commands</c> and <c>/slack/interactions</c> need: the verifier, the handlers and the follow-up
    /// messaging. Expects <see cref="SlackOptions"/> (<c>AddSlack</c>), <c>ISlackApi</c> (<c>AddSlackApi</c>), Core, Runbooks and a
    /// <see cref="TimeProvider"/>. An <see cref="IIncidentChannelDirectory"/> is optional: the host registers it when the
    /// channel↔incident mapping exists.
    /// </summary>
    public static IServiceCollection AddSlackInteractions(this IServiceCollection services)
    {
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackRequestReader>();
        services.AddSingleton<SlackBackgroundWork>();
        services.AddSingleton<SlackDispatch>();
        services.AddHttpClient<SlackResponseUrlClient>(http => http.Timeout = SlackResponseUrlClient.Timeout)
            .RemoveAllLoggers(); // the default logging writes request URIs, and a response_url is a credential
        services.AddScoped<SlackFollowUp>();
        services.AddSlackCommands();
        services.AddScoped<InteractionDispatcher>();
        services.AddScoped<IncidentCardActionHandler>();
        services.AddScoped<DeclareIncidentSubmissionHandler>();
        services.AddScoped<ResolveIncidentSubmissionHandler>();
        services.AddScoped<ModalOpener>();
        services.AddScoped<DeclaredIncidentReply>();
        services.AddScoped<RunbookActionHandler>();
        services.AddScoped<Silences.SilenceActionHandler>();
        services.AddScoped<RunbookLauncher>();
        services.AddScoped<AppMentionHandler>();
        return services;
    }
}
