using System.Globalization;
using ChatOpsIncidents.Bot.Tests.Slack;

namespace ChatOpsIncidents.Bench;

/// <summary>The tests' Slack stand-in on the system clock, with the bot settings that point at it, and what it saw.</summary>
internal sealed class SlackSide(SlackStandIn standIn, string incidentsChannel) : IAsyncDisposable
{
    /// <summary>Slack's documented per-minute budgets (tiers) of the methods the delivery uses.</summary>
    private static readonly Dictionary<string, int> s_perMinute = new(StringComparer.Ordinal)
    {
        ["conversations.create"] = 20,
        ["conversations.setTopic"] = 20,
        ["conversations.invite"] = 50,
        ["conversations.open"] = 50,
        ["chat.update"] = 50,
    };

    public SlackStandIn StandIn => standIn;

    public static async Task<SlackSide> StartAsync(CancellationToken cancellationToken)
    {
        SlackStandIn standIn = await SlackStandIn.StartAsync(TimeProvider.System, cancellationToken);
        return new SlackSide(standIn, standIn.Workspace.AddChannel("incidents"));
    }

    public Dictionary<string, string> BotSettings() => new()
    {
        ["Slack:BotToken"] = SlackStandIn.BotToken,
        ["Slack:ApiBaseUrl"] = standIn.BaseAddress.ToString(),
        ["Slack:IncidentsChannel"] = incidentsChannel,
    };

    /// <summary>When each incident's channel was first asked for (its first Slack call), by incident number.</summary>
    public Dictionary<int, DateTimeOffset> ChannelRequests() => standIn.CallsTo("conversations.create")
        .Select(call => (Number: NumberOf(call.Json?["name"]?.GetValue<string>() ?? call.Form?.GetValueOrDefault("name") ?? ""), call.At))
        .Where(call => call.Number > 0)
        .GroupBy(call => call.Number)
        .ToDictionary(group => group.Key, group => group.Min(call => call.At));

    /// <summary>
    /// For each rate-limited method: the most calls seen in any 60 s window against Slack's per-minute budget, and for
    /// chat.postMessage the most calls to one channel in any 1 s window (Slack allows about one).
    /// </summary>
    public IEnumerable<string> RateReport()
    {
        IReadOnlyList<RecordedCall> calls = standIn.Calls;
        foreach ((string method, int budget) in s_perMinute)
        {
            DateTimeOffset[] times = [.. calls.Where(c => c.Method == method).Select(c => c.At).Order()];
            yield return string.Create(CultureInfo.InvariantCulture, $"{method}: {times.Length} calls, at most {MostInWindow(times, TimeSpan.FromMinutes(1))} in any 60 s (Slack's budget {budget}/min)");
        }
        int perChannel = calls.Where(c => c.Method == "chat.postMessage")
            .GroupBy(c => c.Json?["channel"]?.GetValue<string>() ?? "")
            .Select(group => MostInWindow([.. group.Select(c => c.At).Order()], TimeSpan.FromSeconds(1)))
            .DefaultIfEmpty(0)
            .Max();
        yield return $"chat.postMessage: {calls.Count(c => c.Method == "chat.postMessage")} calls, at most {perChannel} to one channel in any 1 s (Slack: about 1/s)";
    }

    /// <summary>
    /// The earliest the calls the bot made could all have been made within Slack's budgets, or <paramref name="workload"/> (when
    /// the last of the work arrived and could be told) when that is later: max(workload, for each method (calls − burst) ÷ its
    /// rate, for each channel (messages − 1) × 1 s), the burst being a tenth of the per-minute budget as the bot's limiter allows.
    /// </summary>
    public TimeSpan BudgetBound(TimeSpan workload)
    {
        IReadOnlyList<RecordedCall> calls = standIn.Calls;
        IEnumerable<TimeSpan> methods = s_perMinute.Keys.Select(method => MethodBound(method, calls.Count(c => c.Method == method)));
        IEnumerable<TimeSpan> channels = calls.Where(c => c.Method == "chat.postMessage")
            .GroupBy(c => c.Json?["channel"]?.GetValue<string>() ?? "")
            .Select(channel => TimeSpan.FromSeconds(channel.Count() - 1));
        return methods.Concat(channels).Append(workload).Max();
    }

    /// <summary>The earliest <paramref name="calls"/> calls of <paramref name="method"/> can be made: (calls − burst) ÷ its rate.</summary>
    public static TimeSpan MethodBound(string method, int calls)
    {
        int perMinute = s_perMinute[method];
        return TimeSpan.FromMinutes(1) * Math.Max(0, calls - Math.Max(1, perMinute / 10)) / perMinute;
    }

    private static int MostInWindow(DateTimeOffset[] sorted, TimeSpan window)
    {
        int most = 0;
        for (int start = 0, end = 0; end < sorted.Length; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }
            most = Math.Max(most, end - start + 1);
        }
        return most;
    }

    /// <summary>The incident number in a channel name <c>inc-42-title</c>.</summary>
    private static int NumberOf(string channelName)
    {
        string[] parts = channelName.Split('-');
        return parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int number) ? number : 0;
    }

    public ValueTask DisposeAsync() => standIn.DisposeAsync();
}
