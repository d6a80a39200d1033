using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Tests.Slack;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Ack latency of slash commands over Socket Mode against the same commands over HTTP, in the same run, on one bot with both
/// transports on: over HTTP the answer to a signed request, over Socket Mode the envelope's ack (with the same answer in its
/// payload) on the bot's one connection to the stand-in. Each side is a closed loop of the same number of concurrent senders.
/// </summary>
internal sealed class SocketModeBenchmark(LoadGenerator load)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using SlackSide slack = await SlackSide.StartAsync(cancellationToken);
        Dictionary<string, string> settings = slack.BotSettings();
        settings["Slack:AppToken"] = SocketModeStandIn.AppToken;
        await using ChildProcess bot = await Servers.StartBotAsync(null, settings, cancellationToken);
        await slack.StandIn.SocketMode.ConnectedAsync(1, cancellationToken: cancellationToken);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Slash commands, {load.Connections} concurrent senders; ratio = Socket Mode p99 / HTTP p99"));
        Console.WriteLine("| command | HTTP req/s (p50 / p99 ms) | Socket Mode acks/s (p50 / p99 ms) | p99 ratio |");
        Console.WriteLine("| --- | --- | --- | --- |");
        foreach (string text in new[] { "help", "list" })
        {
            var uri = new Uri("slack/commands", UriKind.Relative);
            (LoadResult http, _) = await load.RunAsync(bot.BaseAddress, sequence => SlashCommandBenchmark.Signed(uri, text, sequence), 1, 0, cancellationToken);
            LoadResult socket = await MeasureSocketAsync(slack.StandIn.SocketMode, text, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| /incident {text} | {http.RequestsPerSecond:0} ({http.P50:0.0} / {http.P99:0.0}) | {socket.RequestsPerSecond:0} ({socket.P50:0.0} / {socket.P99:0.0}) | {socket.P99 / http.P99:0.00} |"));
            Console.Error.WriteLine($"/incident {text}  HTTP   {http.Describe()}");
            Console.Error.WriteLine($"/incident {text}  socket {socket.Describe()}");
        }
    }

    /// <summary>The same closed loop as <see cref="LoadGenerator"/>, sending envelopes and timing each until its ack arrives.</summary>
    private async Task<LoadResult> MeasureSocketAsync(SocketModeStandIn socketMode, string text, CancellationToken cancellationToken)
    {
        long measureFrom = Stopwatch.GetTimestamp() + (long)(load.WarmUp.TotalSeconds * Stopwatch.Frequency);
        long endAt = Stopwatch.GetTimestamp() + (long)(load.Span.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[load.Connections];
        int failed = 0;
        string? firstFailure = null;
        await Task.WhenAll(Enumerable.Range(0, load.Connections).Select(async sender =>
        {
            latencies[sender] = [];
            while (Stopwatch.GetTimestamp() < endAt)
            {
                long sent = Stopwatch.GetTimestamp();
                var payload = new JsonObject
                {
                    ["command"] = "/incident",
                    ["text"] = text,
                    ["user_id"] = "U0BENCH01",
                    ["channel_id"] = "C0BENCH01",
                    ["team_id"] = "T0BENCH01",
                };
                try
                {
                    SocketAck ack = await socketMode.SendAsync("slash_commands", payload, cancellationToken: cancellationToken);
                    if (sent >= measureFrom && ack.Payload?["text"] is not null)
                    {
                        latencies[sender].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    }
                }
                catch (TimeoutException exception)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, exception.Message, null);
                }
            }
        }));
        double[] all = [.. latencies.SelectMany(list => list)];
        return new LoadResult(all.Length, failed, load.Span - load.WarmUp, all, 1, firstFailure);
    }
}
