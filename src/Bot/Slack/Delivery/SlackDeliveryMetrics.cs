using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatOpsIncidents.Bot.Slack.Api;

namespace ChatOpsIncidents.Bot.Slack.Delivery;

/// <summary>The steps of incident delivery Slack refused for good and that were skipped, on the meter <see cref="SlackApiMetrics.MeterName"/>.</summary>
internal sealed class SlackDeliveryMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _skipped = meters.Create(SlackApiMetrics.MeterName).CreateCounter<long>(
        "chatops.slack.delivery.skipped", "{step}",
        "Steps of telling an incident in Slack that Slack refused for good (too_long, channel_not_found, is_archived...) and that were skipped, by method and error.");

    public void Skipped(SlackApiException refusal) => _skipped.Add(1, new TagList { { "method", refusal.Method }, { "error", refusal.Error } });
}
