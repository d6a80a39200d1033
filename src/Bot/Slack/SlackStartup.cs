using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Delivery;
using ChatOpsIncidents.Bot.Slack.People;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slack.Responders;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Bot.Slack.SocketMode;
using ChatOpsIncidents.Bot.Slack.UserGroups;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Runbooks.Execution;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack;

internal static partial class SlackStartup
{
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSlackApi();
        services.AddScoped<SlackIncidentDelivery>();
        services.AddScoped<SlackIncidentNotifications>();
        services.AddScoped<SlackRefusals>();
        services.AddSingleton<SlackDeliveryMetrics>();
        services.AddSingleton<DirectMessageConversations>();
        services.AddSingleton<SlackUserGroupMembership>();
        services.AddSingleton<IncidentResponders>();
        services.Replace(ServiceDescriptor.Singleton<IPeopleDirectory, SlackPeopleDirectory>());
        services.AddSingleton<SlackUsersByEmail>();
        services.AddHostedService<SlackOutboxDispatcher>();
        services.AddScoped<SlackPageDelivery>();
        services.AddScoped<SlackPageEdit>();
        services.AddHostedService<SlackPageDispatcher>();
        services.AddHostedService<SlackChannelMessageDispatcher>();
        services.AddScoped<IIncidentChannelDirectory, IncidentChannelDirectory>();
        services.AddSlackInteractions();
        services.AddSocketMode();
        services.AddScoped<IAutomaticRunCarrier, SlackAutomaticRuns>();
        return services;
    }

    /// <summary>
    /// Creates the Slack instruments now, so that a scrape lists them (HELP and TYPE) before their first measurement, with
    /// Slack off too, as the README promises.
    /// </summary>
    public static void DeclareSlackMetrics(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<SlackApiMetrics>();
        _ = app.Services.GetRequiredService<SlackDeliveryMetrics>();
        _ = app.Services.GetRequiredService<SocketModeMetrics>();
    }

    public static void LogSlackStatus(this WebApplication app)
    {
        SlackOptions options = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackStartup).FullName!);
        if (!options.Enabled)
        {
            LogSlackOff(logger);
            return;
        }
        LogTransports(logger, options.HttpEnabled ? "on (POST /slack/*, signed)" : "off", options.SocketModeEnabled ? "on" : "off");
        string responders = IncidentResponders.Describe(options.Responders);
        if (responders.Length == 0)
        {
            LogEveryoneResponds(logger);
        }
        else
        {
            LogResponders(logger, responders);
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning,
        Message = "Slack is off: Slack:BotToken is not set. Incidents are recorded and served by the API, but nobody is told in Slack.")]
    private static partial void LogSlackOff(ILogger logger);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Slack is on. Requests over HTTP: {Http}; over Socket Mode: {SocketMode}")]
    private static partial void LogTransports(ILogger logger, string http, string socketMode);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "Everyone in the Slack workspace may change incidents (acknowledge, resolve, severity, roles): Slack:Responders is empty")]
    private static partial void LogEveryoneResponds(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Only these may change incidents from Slack (Slack:Responders): {Responders}")]
    private static partial void LogResponders(ILogger logger, string responders);
}
