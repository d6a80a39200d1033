using System.Text;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Core.Events;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Bot.Tests.Events;

/// <summary>The bot with two event integrations, and PagerDuty Events API v2 bodies to send it.</summary>
internal static class EventsBot
{
    public const string CheckoutKey = "a3f2c9d4e5b6a7980c1d2e3f4a5b6c7d";
    public const string BatchKey = "0123456789abcdef0123456789abcdef";

    public static Dictionary<string, string?> Settings(int rateLimitPerMinute = 120) => new()
    {
        ["Events:Integrations:checkout-monitor:RoutingKey"] = CheckoutKey,
        ["Events:Integrations:checkout-monitor:Service"] = "checkout",
        ["Events:Integrations:checkout-monitor:Labels:environment"] = "production",
        ["Events:Integrations:batch-scripts:RoutingKey"] = BatchKey,
        ["Events:RateLimitPerMinute"] = rateLimitPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static BotHost Start(int rateLimitPerMinute = 120) => new(Settings(rateLimitPerMinute));

    public static string Trigger(string? dedupKey = "disk-full-db1", string severity = "critical", string summary = "Disk full on db1", string routingKey = CheckoutKey) =>
        $$$"""
        {"routing_key":"{{{routingKey}}}","event_action":"trigger"{{{(dedupKey is null ? "" : $",\"dedup_key\":\"{dedupKey}\"")}}},
         "payload":{"summary":"{{{summary}}}","source":"db1.example.com","severity":"{{{severity}}}","timestamp":"2015-07-17T08:42:58.315+0000",
                    "component":"postgres","group":"prod-datapipe","class":"disk","custom_details":{"free space":"1%","ping time":"1500ms"}},
         "links":[{"href":"https://grafana.example.com/d/db1","text":"Disk dashboard"}],
         "images":[{"src":"https://grafana.example.com/render/db1.png","href":"https://grafana.example.com/d/db1","alt":"Disk usage"}],
         "client":"Sample Monitoring Service","client_url":"https://monitoring.example.com"}
        """;

    public static string Follow(string action, string dedupKey = "disk-full-db1", string routingKey = CheckoutKey) =>
        $$"""{"routing_key":"{{routingKey}}","event_action":"{{action}}","dedup_key":"{{dedupKey}}"}""";

    public static async Task<HttpResponseMessage> EnqueueAsync(this BotHost bot, string json, string contentType = "application/json") =>
        await bot.CreateClient().PostAsync("/v2/enqueue", new StringContent(json, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    public static async Task<List<StoredEvent>> StoredEventsAsync(this BotHost bot)
    {
        await using AsyncServiceScope scope = bot.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IncidentsDbContext>().Events.AsNoTracking().OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}
