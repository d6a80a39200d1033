using System.Reflection;
using ChatOpsIncidents.Bot.Alertmanager;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Events;
using ChatOpsIncidents.Bot.FollowUps;
using ChatOpsIncidents.Bot.Notifications;
using ChatOpsIncidents.Bot.Scheduling;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Heartbeats;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.OnCall;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.Core.Reports;
using ChatOpsIncidents.Core.Storms;
using ChatOpsIncidents.Runbooks;
using ChatOpsIncidents.Runbooks.Kubernetes;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Configuration;

namespace ChatOpsIncidents.Bot.Tests.Configuration;

/// <summary>appsettings.example.json is the settings reference: a setting added to an options class must appear there.</summary>
public sealed class ExampleSettingsTests
{
    private static readonly IConfiguration s_example = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Repository.Root, "appsettings.example.json"), optional: false)
        .Build();

    public static TheoryData<string, Type> OptionsSections => new()
    {
        { DatabaseOptions.Section, typeof(DatabaseOptions) },
        { IncidentOptions.Section, typeof(IncidentOptions) },
        { StormOptions.Section, typeof(StormOptions) },
        { AlertmanagerOptions.Section, typeof(AlertmanagerOptions) },
        { AlertmanagerApiOptions.Section, typeof(AlertmanagerApiOptions) },
        { HeartbeatOptions.Section, typeof(HeartbeatOptions) },
        { EventsOptions.Section, typeof(EventsOptions) },
        { ApiOptions.Section, typeof(ApiOptions) },
        { SignInOptions.Section, typeof(SignInOptions) },
        { $"{SignInOptions.Section}:{nameof(SignInOptions.Responders)}", typeof(ResponderOptions) },
        { SlackOptions.Section, typeof(SlackOptions) },
        { OutboxOptions.Section, typeof(OutboxOptions) },
        { RunbookOptions.Section, typeof(RunbookOptions) },
        { KubernetesOptions.Section, typeof(KubernetesOptions) },
        { OnCallOptions.Section, typeof(OnCallOptions) },
        { EscalationOptions.Section, typeof(EscalationOptions) },
        { NotificationOptions.Section, typeof(NotificationOptions) },
        { $"{NotificationOptions.Section}:{nameof(NotificationOptions.PagerDuty)}", typeof(PagerDutyNotificationOptions) },
        { $"{NotificationOptions.Section}:{nameof(NotificationOptions.Email)}", typeof(EmailNotificationOptions) },
        { $"{NotificationOptions.Section}:{nameof(NotificationOptions.Sms)}", typeof(SmsNotificationOptions) },
        { PostmortemOptions.Section, typeof(PostmortemOptions) },
        { FollowUpOptions.Section, typeof(FollowUpOptions) },
        { $"{FollowUpOptions.Section}:{nameof(FollowUpOptions.GitHub)}", typeof(GitHubFollowUpOptions) },
        { $"{FollowUpOptions.Section}:{nameof(FollowUpOptions.Jira)}", typeof(JiraFollowUpOptions) },
        { SchedulingOptions.Section, typeof(SchedulingOptions) },
        { WeeklyReportOptions.Section, typeof(WeeklyReportOptions) },
        { $"{WeeklyReportOptions.Section}:{nameof(WeeklyReportOptions.Targets)}", typeof(WeeklyReportTargets) },
        { SloOptions.Section, typeof(SloOptions) },
        { PrometheusOptions.Section, typeof(PrometheusOptions) },
    };

    [Theory]
    [MemberData(nameof(OptionsSections))]
    public void Every_setting_is_documented_in_the_example(string section, Type options)
    {
        IEnumerable<string> undocumented = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod?.IsPublic == true)
            .Where(property => !(options == typeof(DatabaseOptions) && property.Name == nameof(DatabaseOptions.ConnectionString)))
            .Select(property => $"{section}:{property.Name}")
            .Where(key => !s_example.GetSection(key).Exists() && s_example[key] is null);

        Assert.Empty(undocumented);
    }

    [Fact]
    public void The_examples_empty_heartbeat_gap_binds_as_the_switch_turned_off() =>
        Assert.Null(s_example.GetSection(HeartbeatOptions.Section).Get<HeartbeatOptions>()?.MaxGap);

    [Fact]
    public void The_connection_string_is_documented_under_ConnectionStrings() =>
        Assert.NotNull(s_example[$"ConnectionStrings:{DatabaseOptions.ConnectionStringName}"]);
}
