using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

internal static class NotificationsServiceCollectionExtensions
{
    /// <summary>Email, SMS, PagerDuty and outgoing webhooks for escalation steps, on a lane beside the Slack pages.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddHttpClient(NotificationHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<NotificationHttp>();
        services.AddSingleton<NotificationMetrics>();
        services.AddScoped<IncidentLinks>();
        services.AddScoped<EmailAddresses>();
        services.AddScoped<INotificationSender, PagerDutySender>();
        services.AddScoped<INotificationSender, WebhookSender>();
        services.AddScoped<INotificationSender, EmailSender>();
        services.AddScoped<INotificationSender, SmsSender>();
        services.AddHostedService<NotificationDispatcher>();
        return services;
    }
}
