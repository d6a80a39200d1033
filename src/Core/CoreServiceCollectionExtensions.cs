using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.FollowUps;
using ChatOpsIncidents.Core.Heartbeats;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Maintenance;
using ChatOpsIncidents.Core.Metrics;
using ChatOpsIncidents.Core.OnCall;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Reports;
using ChatOpsIncidents.Core.Requests;
using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.Core.Storms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core;

public static class CoreServiceCollectionExtensions
{
    public static IServiceCollection AddCore(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<IncidentOptions>()
            .BindConfiguration(IncidentOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.ReplaceConfiguredLists(configuration.GetSection(IncidentOptions.Section)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IncidentOptions>, IncidentOptionsValidator>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.AddSingleton<IncidentMetricsInterceptor>();
        // Pooled: a scope rents a context and gives it back reset (IncidentsDbContext.Dispose), instead of building the context and its
        // EF Core services afresh, which costs more than the rest of a short Slack command. The options are built once.
        services.AddDbContextPool<IncidentsDbContext>(
            (provider, builder) => UseDatabase(builder, provider.GetRequiredService<IOptions<DatabaseOptions>>().Value)
                .AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor>(), provider.GetRequiredService<IncidentMetricsInterceptor>()));
        services.AddSingleton<ServiceLabels>();
        services.AddSingleton<IncidentMetrics>();
        services.AddSingleton<IMetricsRefresher, OpenIncidentsGauge>();
        services.AddSingleton<IMetricsRefresher, OutboxGauges>();

        services.TryAddSingleton(new SloCatalog([])); // the host may give the SLOs of its files
        services.AddSingleton<AlertClassifier>();
        services.AddScoped<AlertIntakeService>();
        services.AddSingleton<AlertIntakeBatcher>();
        services.AddScoped<EventIntakeService>();
        services.AddScoped<EventQueries>();
        services.AddScoped<EventRetention>();
        services.AddSingleton<GroupCommit>();
        services.AddScoped<IncidentService>();
        services.AddScoped<IncidentQueries>();
        services.AddScoped<Silences.SilenceQueries>();
        services.AddScoped<IncidentStatisticsService>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddScoped<OutboxClaims>();
        services.AddScoped<ChannelMessageClaims>();
        services.AddScoped<RunbookRuns>();
        services.AddScoped<PendingRunbookRuns>();
        services.AddSingleton<HandledRequests>();
        services.AddEscalationsAndPostmortems();
        return services;
    }

    /// <summary>
    /// Creates Core's instruments now, so that a scrape right after the start lists them (HELP and TYPE) before their first
    /// measurement: escalation and due work otherwise create theirs only when their first job runs.
    /// </summary>
    public static void DeclareCoreMetrics(this IServiceProvider services)
    {
        _ = services.GetRequiredService<IncidentMetrics>();
        _ = services.GetRequiredService<EscalationMetrics>();
        _ = services.GetRequiredService<DueWorkMetrics>();
        _ = services.GetRequiredService<PostmortemMetrics>();
    }

    /// <summary>
    /// On-call schedules, escalation, postmortems, alert storms, the dead-man's switch and the weekly report, and the due work they
    /// schedule. The host provides <see cref="IDueWorkScheduler"/> and <see cref="IReportSchedule"/>.
    /// </summary>
    private static void AddEscalationsAndPostmortems(this IServiceCollection services)
    {
        services.AddOptions<OnCallOptions>().BindConfiguration(OnCallOptions.Section).PostConfigure(OnCallScheduleFile.AddTo).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OnCallOptions>, OnCallOptionsValidator>();
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EscalationOptions>, EscalationOptionsValidator>();
        services.AddOptions<PostmortemOptions>().BindConfiguration(PostmortemOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostmortemOptions>, PostmortemOptionsValidator>();
        services.AddSingleton<OnCallRoster>();
        services.AddSingleton<EscalationPolicies>();
        services.AddSingleton<IConfiguredServices>(provider => provider.GetRequiredService<EscalationPolicies>());
        services.AddSingleton<EscalationMetrics>();
        services.AddSingleton<PostmortemMetrics>();
        services.AddSingleton<IMetricsRefresher>(provider => provider.GetRequiredService<PostmortemMetrics>());
        services.AddSingleton<DueWorkMetrics>();
        services.AddSingleton<PostmortemRenderer>();
        services.AddScoped<EscalationService>();
        services.AddScoped<PageClaims>();
        services.AddScoped<PostmortemService>();
        services.AddScoped<IDueWorkKind, EscalationSteps>();
        services.AddScoped<IDueWorkKind, PostmortemReminders>();
        services.AddScoped<IDueWorkKind, FinalResolutions>();
        services.AddScoped<FinalResolutionService>();
        services.AddOptions<StormOptions>().BindConfiguration(StormOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StormOptions>, StormOptionsValidator>();
        services.AddScoped<StormQueries>();
        services.AddScoped<StormRolls>();
        services.AddScoped<StormService>();
        services.AddScoped<StormCommands>();
        services.AddScoped<IDueWorkKind, StormEnds>();
        services.AddOptions<HeartbeatOptions>().BindConfiguration(HeartbeatOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<HeartbeatOptions>, HeartbeatOptionsValidator>();
        services.AddScoped<HeartbeatService>();
        services.AddScoped<IDueWorkKind, HeartbeatChecks>();
        services.AddOptions<WeeklyReportOptions>().BindConfiguration(WeeklyReportOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeeklyReportOptions>, WeeklyReportOptionsValidator>();
        services.AddScoped<WeeklyReportService>();
        services.AddSingleton<IMetricsRefresher, WeeklyReportMetrics>();
        services.AddScoped<IDueWorkKind, WeeklyReports>();
        services.AddScoped<MaintenanceWindowService>();
        services.AddScoped<IDueWorkKind, MaintenanceAnnouncements>();
        services.AddScoped<DueWorkService>();
        services.AddScoped<PostmortemDrafts>();
        services.AddScoped<FollowUpService>();
        services.AddScoped<IDueWorkKind, FollowUpIssues>();
        services.TryAddSingleton<IFollowUpTracker, NoFollowUpTracker>(); // the host may register GitHub's or Jira's
        services.TryAddSingleton<IPeopleDirectory, NoPeopleDirectory>(); // the host may register the chat's own
        services.AddScoped<IncidentAutomation>();
    }

    public static DbContextOptionsBuilder UseDatabase(DbContextOptionsBuilder builder, DatabaseOptions options) =>
        options.Provider == DatabaseProvider.Postgres
            ? builder.UseNpgsql(options.EffectiveConnectionString)
            : builder.UseSqlite(options.EffectiveConnectionString);
}
