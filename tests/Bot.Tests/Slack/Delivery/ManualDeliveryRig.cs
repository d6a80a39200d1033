using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Slack.Delivery;

/// <summary>
/// The bot talking to the Slack stand-in with an incidents channel, its delivery driven by the test on a stepping clock
/// (<see cref="ManualDelivery"/>).
/// </summary>
public sealed class ManualDeliveryRig : IAsyncDisposable
{
    private ManualDeliveryRig(SteppingClock clock, SlackStandIn slack, BotHost bot, string incidentsChannel)
    {
        Clock = clock;
        Slack = slack;
        Bot = bot;
        IncidentsChannel = incidentsChannel;
    }

    public SteppingClock Clock { get; }

    public SlackStandIn Slack { get; }

    public BotHost Bot { get; }

    /// <summary>The channel of Slack:IncidentsChannel.</summary>
    public string IncidentsChannel { get; }

    /// <param name="now">Where the stepping clock starts.</param>
    /// <param name="incidentsChannel">Makes Slack:IncidentsChannel; by default a channel with the bot in it.</param>
    /// <param name="withResponder">Whether <see cref="ManualDelivery.Responder"/> is a user of the workspace.</param>
    public static async Task<ManualDeliveryRig> StartAsync(
        DateTimeOffset now, Func<StandInWorkspace, string>? incidentsChannel = null, bool withResponder = false)
    {
        var clock = new SteppingClock(now);
        SlackStandIn slack = await SlackStandIn.StartAsync(clock, TestContext.Current.CancellationToken);
        if (withResponder)
        {
            slack.Workspace.AddUser(ManualDelivery.Responder, "alice", "Alice Example");
        }
        string incidents = incidentsChannel?.Invoke(slack.Workspace) ?? slack.Workspace.AddChannel("incidents");
        return new ManualDeliveryRig(clock, slack, ManualDelivery.Bot(ManualDelivery.SlackSettings(slack, incidents), clock), incidents);
    }

    /// <summary>Delivers until nothing is due (<see cref="ManualDelivery.DrainAsync"/>).</summary>
    public Task<int> DrainAsync() => ManualDelivery.DrainAsync(Bot, Clock);

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
    }
}
