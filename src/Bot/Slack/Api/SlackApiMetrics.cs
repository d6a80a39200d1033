using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>Every Slack Web API attempt, and every wait for a method's rate-limit budget, on the meter <see cref="MeterName"/>.</summary>
internal sealed class SlackApiMetrics
{
    public const string MeterName = "ChatOpsIncidents.Slack";

    public const string Ok = "ok";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _budgetWaits;

    public SlackApiMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>(
            "chatops.slack.api.calls", "{call}", "Slack Web API calls (each attempt), by method and outcome: ok, or Slack's error code (ratelimited, timeout, http_500...).");
        _budgetWaits = meter.CreateHistogram<double>(
            "chatops.slack.api.budget_wait", "s", "Waits for a Slack method's rate-limit budget (or its Retry-After), by method: a Slack backlog shows here.");
    }

    public void Called(SlackMethod method, string outcome) => _calls.Add(1, new TagList { { "method", method.Name }, { "outcome", outcome } });

    public void WaitedForBudget(SlackMethod method, TimeSpan wait) => _budgetWaits.Record(wait.TotalSeconds, new TagList { { "method", method.Name } });
}
