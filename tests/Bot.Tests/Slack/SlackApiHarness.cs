using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>
/// The Slack client as the bot registers it (<c>AddSlackApi</c>), pointed at a fresh Slack stand-in, both on one
/// <see cref="SteppingClock"/>, with every log entry captured.
/// </summary>
public sealed class SlackApiHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 14, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services;

    private SlackApiHarness(SteppingClock clock, SlackStandIn slack, ServiceProvider services, CapturedLogs logs)
    {
        Clock = clock;
        Slack = slack;
        _services = services;
        Logs = logs;
        Api = services.GetRequiredService<ISlackApi>();
    }

    public SteppingClock Clock { get; }

    public SlackStandIn Slack { get; }

    public ISlackApi Api { get; }

    public CapturedLogs Logs { get; }

    /// <summary>The rate limiter the client waits on, as the bot shares it.</summary>
    internal SlackRateLimiter Limiter => _services.GetRequiredService<SlackRateLimiter>();

    /// <param name="botToken">Slack:BotToken; the stand-in accepts only <see cref="SlackStandIn.BotToken"/>.</param>
    /// <param name="baseAddress">Slack:ApiBaseUrl from the stand-in's <c>…/api/</c> address; the stand-in's as is when null.</param>
    public static async Task<SlackApiHarness> StartAsync(
        CancellationToken cancellationToken, string? botToken = SlackStandIn.BotToken, Func<Uri, Uri>? baseAddress = null)
    {
        var clock = new SteppingClock(Start);
        SlackStandIn slack = await SlackStandIn.StartAsync(clock, cancellationToken);
        var logs = new CapturedLogs();
        ServiceProvider services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<TimeProvider>(clock)
            .Configure<SlackOptions>(options =>
            {
                options.BotToken = botToken;
                options.ApiBaseUrl = baseAddress?.Invoke(slack.BaseAddress) ?? slack.BaseAddress;
            })
            .AddSlackApi()
            .BuildServiceProvider();
        return new SlackApiHarness(clock, slack, services, logs);
    }

    /// <summary>Runs a call on the clock until it completes.</summary>
    public Task<T> RunAsync<T>(Task<T> call) => Clock.RunAsync(call);

    /// <summary>Runs a call on the clock until it completes.</summary>
    public Task RunAsync(Task call) => Clock.RunAsync(call);

    /// <summary>Polls <paramref name="condition"/> in real time, every millisecond, for at most 10 s.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1), TimeProvider.System, limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
