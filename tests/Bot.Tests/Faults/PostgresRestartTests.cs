using System.Collections.Concurrent;
using System.Net;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Faults;

/// <summary>PostgreSQL stopped and started again while webhooks keep coming, with a server of its own.</summary>
public sealed class PostgresRestartTests
{
    private const int Workers = 4;
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One webhook a worker sent: group <see cref="Group"/> with its first <see cref="Alerts"/> alerts, and the answer.</summary>
    private sealed record Delivery(int Group, int Alerts, HttpStatusCode Status);

    [Fact]
    public async Task Restarted_under_load_PostgreSQL_costs_5xx_answers_only_never_a_200_that_was_not_stored_and_the_bot_recovers_by_itself()
    {
        await using var postgres = new PostgresServer();
        await postgres.InitializeAsync();
        postgres.RequireAvailable();
        await using var bot = new BotHost(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Incidents"] = await postgres.CreateDatabaseAsync(Ct),
            ["Storms:Threshold"] = "100000", // this burst is an alert storm by default; this test is about what a restart costs
        });
        _ = bot.CreateClient(); // starts the bot once, before the workers share it
        var answered = new ConcurrentQueue<Delivery>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task[] workers = [.. Enumerable.Range(0, Workers).Select(worker => Task.Run(() => SendUntilStoppedAsync(bot, worker, answered, stop.Token), Ct))];

        await WaitUntilAsync(() => answered.Count(d => d.Status == HttpStatusCode.OK) >= 40, "answers before the outage", answered);
        await postgres.StopAsync(Ct);
        int beforeOutage = answered.Count;
        await WaitUntilAsync(() => answered.Skip(beforeOutage).Count(d => d.Status != HttpStatusCode.OK) >= 20, "refusals during the outage", answered);
        await postgres.StartAsync(Ct);
        int afterOutage = answered.Count;
        await WaitUntilAsync(() => answered.Skip(afterOutage).Count(d => d.Status == HttpStatusCode.OK) >= 40, "the bot to recover", answered);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Delivery[] all = [.. answered];
        Assert.All(all, d => Assert.True(d.Status == HttpStatusCode.OK || (int)d.Status >= 500, $"group {d.Group} got {(int)d.Status}, which Alertmanager would not retry"));
        await using (AsyncServiceScope scope = bot.Services.CreateAsyncScope())
        {
            IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
            HashSet<string> stored = [.. await db.Alerts.Select(a => a.Fingerprint).ToListAsync(Ct)];
            Assert.All(all.Where(d => d.Status == HttpStatusCode.OK), d => Assert.True(
                Enumerable.Range(0, d.Alerts).All(alert => stored.Contains(AlertBurst.Fingerprint(d.Group, alert))),
                $"group {d.Group} with {d.Alerts} alerts was answered 200 but is not all stored"));
        }
        foreach (Delivery refused in all.Where(d => d.Status != HttpStatusCode.OK))
        {
            // What Alertmanager does with a 5xx: deliver the same group again.
            Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(AlertBurst.Webhook(refused.Group, refused.Alerts))).StatusCode);
        }
        Dictionary<int, int> expected = all.GroupBy(d => d.Group).ToDictionary(g => g.Key, g => g.Max(d => d.Alerts));
        StoredRows rows = await StoredRows.ReadAsync(bot.Services, Ct);
        Assert.Equal((expected.Count, expected.Values.Sum()), (rows.Incidents, rows.Alerts));
    }

    /// <summary>Each worker opens new groups and, every third request, adds an alert to its previous group.</summary>
    private static async Task SendUntilStoppedAsync(BotHost bot, int worker, ConcurrentQueue<Delivery> answered, CancellationToken stop)
    {
        HttpClient client = bot.CreateClient();
        int group = worker * 100_000;
        int alerts = 1;
        for (int request = 0; !stop.IsCancellationRequested && request < 100_000; request++)
        {
            if (request % 3 == 2 && alerts < 5)
            {
                alerts++;
            }
            else
            {
                group++;
                alerts = 1;
            }
            using var content = new StringContent(AlertBurst.Webhook(group, alerts), System.Text.Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await client.PostAsync(new Uri("/webhooks/alertmanager", UriKind.Relative), content, CancellationToken.None);
            answered.Enqueue(new Delivery(group, alerts, response.StatusCode));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, ConcurrentQueue<Delivery> answered)
    {
        using var deadline = new CancellationTokenSource(s_patience);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                string statuses = string.Join(", ", answered.GroupBy(d => d.Status).Select(g => $"{(int)g.Key}: {g.Count()}"));
                throw new TimeoutException($"Timed out after {s_patience.TotalSeconds:0} s waiting for {what}; answers so far: {statuses}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        }
    }
}
