using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChatOpsIncidents.Bot.Slack.Api;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

/// <summary>Socket Mode's health on the meter <see cref="SlackApiMetrics.MeterName"/>: a dead socket shows as connected 0.</summary>
internal sealed class SocketModeMetrics
{
    private static readonly string[] s_knownTypes =
        [SocketEnvelope.SlashCommands, SocketEnvelope.Interactive, SocketEnvelope.EventsApi];

    private static readonly string[] s_knownReasons =
        ["warning", "refresh_requested", "link_disabled", SocketModeConnection.Closed, SocketModeConnection.Dropped];

    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _envelopes;
    private readonly Histogram<double> _ackDuration;
    private int _connected;

    public SocketModeMetrics(IMeterFactory meters, IOptions<SlackOptions> options)
    {
        Meter meter = meters.Create(SlackApiMetrics.MeterName);
        bool enabled = options.Value.SocketModeEnabled;
        meter.CreateObservableGauge("chatops.slack.socket_mode.connected",
            () => enabled ? [new Measurement<int>(Volatile.Read(ref _connected))] : Array.Empty<Measurement<int>>(), "{connection}",
            "1 while the bot holds a Socket Mode connection to Slack that said hello, 0 while it has none (only exported when Slack:AppToken is set).");
        _reconnects = meter.CreateCounter<long>("chatops.slack.socket_mode.reconnects", "{reconnect}",
            "Socket Mode connections replaced, by reason: Slack's disconnect reason (warning, refresh_requested, link_disabled), closed or dropped.");
        _envelopes = meter.CreateCounter<long>("chatops.slack.socket_mode.envelopes", "{envelope}",
            "Socket Mode envelopes received, by type (slash_commands, interactive, events_api, other).");
        _ackDuration = meter.CreateHistogram<double>("chatops.slack.socket_mode.ack.duration", "s",
            "From an envelope's arrival to its acknowledgement on the socket (Slack wants it within 3 s), by type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5] });
    }

    public void Connected(bool connected) => Volatile.Write(ref _connected, connected ? 1 : 0);

    public void Reconnected(string reason) => _reconnects.Add(1, new TagList { { "reason", Known(reason, s_knownReasons) } });

    public void Received(string type) => _envelopes.Add(1, new TagList { { "type", Known(type, s_knownTypes) } });

    public void Acknowledged(string type, TimeSpan duration) => _ackDuration.Record(duration.TotalSeconds, new TagList { { "type", Known(type, s_knownTypes) } });

    /// <summary>Slack's words as tag values only when expected: a label set per unknown string would grow without bound.</summary>
    private static string Known(string value, string[] known) => known.Contains(value) ? value : "other";
}
