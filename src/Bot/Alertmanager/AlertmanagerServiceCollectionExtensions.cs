namespace ChatOpsIncidents.Bot.Alertmanager;

internal static class AlertmanagerServiceCollectionExtensions
{
    public static IServiceCollection AddAlertmanagerWebhook(this IServiceCollection services)
    {
        services.AddOptions<AlertmanagerOptions>().BindConfiguration(AlertmanagerOptions.Section).ValidateOnStart();
        services.AddOptions<Grafana.GrafanaOptions>().BindConfiguration(Grafana.GrafanaOptions.Section);
        services.AddSingleton<WebhookMetrics>();
        services.AddHostedService<HeartbeatArming>();
        return services;
    }
}
