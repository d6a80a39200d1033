using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Bot.Slack.Slos;

namespace ChatOpsIncidents.Bot.Slack.Commands;

internal static class CommandsServiceCollectionExtensions
{
    /// <summary>The slash command tables' dispatcher and the handler classes their verbs run on, one scope per command.</summary>
    public static IServiceCollection AddSlackCommands(this IServiceCollection services)
    {
        services.AddScoped<SlashCommandDispatcher>();
        services.AddScoped<IncidentFinder>();
        services.AddScoped<ViewCommands>();
        services.AddScoped<LifecycleCommands>();
        services.AddScoped<RoleCommands>();
        services.AddScoped<OnCallCommands>();
        services.AddScoped<PostmortemCommands>();
        services.AddScoped<Silences.SilenceCommands>();
        services.AddScoped<Maintenance.MaintenanceCommands>();
        services.AddScoped<RunbookCommands>();
        services.AddScoped<SloCommands>();
        return services;
    }
}
