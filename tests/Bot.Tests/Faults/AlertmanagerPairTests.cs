using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>The same alert group delivered twice at the same moment, as an Alertmanager HA pair does: still one incident.</summary>
public sealed class AlertmanagerPairTests(PostgresServer postgres)
{
    private const int Groups = 10;
    private const int AlertsPerGroup = 3;
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Two_clustered_Alertmanagers_delivering_the_same_groups_at_once_give_one_incident_per_group(DatabaseProvider provider)
    {
        var webhooks = new SameMomentDeliveries();
        await using var bot = new BotHost(await FaultDatabase.SettingsAsync(provider, postgres, Ct), services: s => s.AddSingleton<IStartupFilter>(webhooks));
        bot.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        bot.StartServer();
        (AlertmanagerServer first, AlertmanagerServer second) = await AlertmanagerServer.StartPairAsync(new Uri(bot.ClientOptions.BaseAddress, "/webhooks/alertmanager"), Ct);
        await using (first)
        await using (second)
        {
            string alerts = AlertBurst.Postable(Enumerable.Range(0, Groups), 0, AlertsPerGroup);

            await Task.WhenAll(first.PostAlertsAsync(alerts, Ct), second.PostAlertsAsync(alerts, Ct)); // as Prometheus sends to both

            using var deadline = new CancellationTokenSource(s_patience);
            while (webhooks.Accepted < 2 * Groups)
            {
                Assert.False(deadline.IsCancellationRequested,
                    $"Only {webhooks.Accepted} of {2 * Groups} deliveries were accepted.\n--- first ---\n{first.Log}\n--- second ---\n{second.Log}");
                await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
            }
        }
        await AssertOneIncidentPerGroupAsync(bot);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_same_group_posted_by_eight_clients_at_once_gives_one_incident_and_every_alert_once(DatabaseProvider provider)
    {
        const int Clients = 8;
        await using var bot = new BotHost(await FaultDatabase.SettingsAsync(provider, postgres, Ct));
        HttpClient[] clients = [.. Enumerable.Range(0, Clients).Select(_ => bot.CreateClient())];

        for (int group = 0; group < Groups; group++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            string webhook = AlertBurst.Webhook(group, AlertsPerGroup);
            Task<HttpStatusCode>[] posts = [.. clients.Select(async client =>
            {
                using var content = new StringContent(webhook, System.Text.Encoding.UTF8, "application/json");
                await start.Task;
                using HttpResponseMessage response = await client.PostAsync(new Uri("/webhooks/alertmanager", UriKind.Relative), content, Ct);
                return response.StatusCode;
            })];
            start.SetResult();
            HttpStatusCode[] answers = await Task.WhenAll(posts);
            Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        }

        await AssertOneIncidentPerGroupAsync(bot);
    }

    private static async Task AssertOneIncidentPerGroupAsync(BotHost bot)
    {
        await using AsyncServiceScope scope = bot.Services.CreateAsyncScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        var incidents = await db.Incidents.AsNoTracking().Select(i => new { i.GroupKey, Alerts = i.Alerts.Count }).ToListAsync(Ct);
        Assert.Equal(Groups, incidents.Count);
        Assert.Equal(Groups, incidents.Select(i => i.GroupKey).Distinct().Count());
        Assert.All(incidents, incident => Assert.Equal(AlertsPerGroup, incident.Alerts));
    }

    /// <summary>
    /// Holds each webhook until the other Alertmanager's delivery of the same group arrives (at most 5 s, half of
    /// Alertmanager's 10 s notify deadline), then lets both in at once. An Alertmanager records a notification only once
    /// the webhook is answered, so its peer cannot learn of it in time and skip its own: both deliveries of every group
    /// race in the bot. Counts the webhooks answered 200. Waits without blocking a thread: twenty requests parked on a
    /// blocking barrier starved the thread pool of a loaded 2-core machine past that deadline.
    /// </summary>
    private sealed class SameMomentDeliveries : IStartupFilter
    {
        private static readonly TimeSpan s_pairPatience = TimeSpan.FromSeconds(5);
        private readonly ConcurrentDictionary<string, DeliveryPair> _pairs = new(StringComparer.Ordinal);
        private int _accepted;

        public int Accepted => Volatile.Read(ref _accepted);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate handler) =>
            {
                if (context.Request.Path != "/webhooks/alertmanager")
                {
                    await handler(context);
                    return;
                }
                context.Request.EnableBuffering();
                JsonNode? webhook = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                context.Request.Body.Position = 0;
                DeliveryPair pair = _pairs.GetOrAdd(webhook?["groupKey"]?.GetValue<string>() ?? "", _ => new DeliveryPair());
                await pair.ArriveAsync(s_pairPatience, context.RequestAborted);
                await handler(context);
                if (context.Response.StatusCode == StatusCodes.Status200OK)
                {
                    Interlocked.Increment(ref _accepted);
                }
            });
            next(app);
        };
    }

    /// <summary>Both deliveries of one group: the second to arrive releases the first.</summary>
    private sealed class DeliveryPair
    {
        private readonly TaskCompletionSource _both = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public async Task ArriveAsync(TimeSpan patience, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _arrived) >= 2)
            {
                _both.TrySetResult();
            }
            try
            {
                await _both.Task.WaitAsync(patience, cancellationToken);
            }
            catch (TimeoutException)
            {
                // A lone delivery (a retry, or its twin already answered) goes on alone.
            }
        }
    }
}
