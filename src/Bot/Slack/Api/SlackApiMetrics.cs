using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>Every Slack Web API attempt, on the meter <see cref="MeterName"/>.</summary>
internal sealed class SlackApiMetrics(IMeterFactory meters)
{
    public const string MeterName = "ChatOpsIncidents.Slack";

    public const string Ok = "ok";

    private readonly Counter<long> _calls = meters.Create(MeterName).CreateCounter<long>(
        "chatops.slack.api.calls", "{call}", "Slack Web API calls (each attempt), by method and outcome: ok, or Slack's error code (ratelimited, timeout, http_500...).");

    public void Called(SlackMethod method, string outcome) => _calls.Add(1, new TagList { { "method", method.Name }, { "outcome", outcome } });
}
