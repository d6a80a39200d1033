using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 3: only the title was capped. A 25 MB description was stored, then 80 concurrent
/// <c>GET /api/incidents?pageSize=200</c> (and 400 signed <c>/incident list</c>) loaded it with every incident listed.
/// The limits are spelled out here as README's "Security" section documents them.
/// </summary>
public sealed class InputLimitTests
{
    private const string ShowSql = "Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_25_MB_description_is_refused_and_nothing_is_stored()
    {
        await using var bot = new BotHost();

        HttpResponseMessage response = await bot.CreateClient().PostAsJsonAsync(
            "/api/incidents", new { title = "Checkout is down", description = new string('d', 25_000_000) }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode); // the API takes 32 KiB bodies: over 3 000 characters can never fit
        Assert.Equal(0, (await bot.ListIncidentsAsync()).Total);
    }

    [Theory]
    [InlineData("title", 200)]
    [InlineData("description", 3000)]
    [InlineData("service", 100)]
    [InlineData("commander", 100)]
    public async Task A_declared_field_one_over_its_limit_is_refused_with_a_400_naming_the_field_and_the_limit(string field, int limit)
    {
        await using var bot = new BotHost();
        var declared = new JsonObject { ["title"] = "Checkout is down", [field] = new string('x', limit + 1) };

        HttpResponseMessage tooLong = await bot.CreateClient().PostAsJsonAsync("/api/incidents", declared, Ct);
        declared[field] = new string('x', limit);
        HttpResponseMessage fits = await bot.CreateClient().PostAsJsonAsync("/api/incidents", declared, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal($"\"{field}\" is too long: {limit + 1} characters, at most {limit}.", (await tooLong.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task A_resolution_note_over_its_limit_is_refused_and_the_incident_stays_open()
    {
        await using var bot = new BotHost();
        await bot.CreateClient().PostAsJsonAsync("/api/incidents", new { title = "Checkout is down" }, Ct);

        HttpResponseMessage response = await bot.CreateClient().PostAsJsonAsync(
            "/api/incidents/INC-1/resolve", new { note = new string('n', 3001) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"note\" is too long", (await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct))?.Detail, StringComparison.Ordinal);
        Assert.Equal("triggered", (await bot.GetIncidentAsync("INC-1")).Incident.Status);
    }

    [Fact]
    public async Task A_Slack_note_of_60_000_characters_is_refused_naming_the_limit_and_nothing_is_stored()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        string reply = await bot.ReplyToAsync($"note {key} {new string('n', 60_000)}");

        Assert.Equal($"\"note\" is too long: 60000 characters, at most 3000.", reply);
        Assert.DoesNotContain((await bot.IncidentAsync(key)).Timeline, entry => entry.Kind == TimelineEntryKind.Note);
    }

    [Fact]
    public async Task Alert_labels_and_annotations_over_their_limits_are_stored_cut_with_a_marker()
    {
        await using var bot = new BotHost();
        string longName = new('k', 1_000);
        string huge = new('v', 256 * 1024);

        HttpResponseMessage response = await bot.PostWebhookAsync(Webhook(
            new JsonObject { ["alertname"] = "Long", ["pod"] = huge, [longName] = "x" },
            new JsonObject { ["summary"] = "Checkout is slow", ["description"] = huge }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AlertView alert = Assert.Single((await bot.GetIncidentAsync("INC-1")).Alerts);
        Assert.Equal(new string('v', 1023) + "…", alert.Labels["pod"]);
        Assert.Equal(new string('v', 3999) + "…", alert.Annotations["description"]);
        Assert.Equal("x", alert.Labels[new string('k', 127) + "…"]);
    }

    [Theory]
    [InlineData("👍🏽", "a thumbs-up with a skin tone: a surrogate pair and a modifier")]
    [InlineData("e\u0301", "an e and its combining accent")]
    public async Task A_title_cut_from_an_alert_summary_splits_no_surrogate_pair_or_grapheme(string grapheme, string what)
    {
        await using var bot = new BotHost();
        string summary = new string('a', 198) + grapheme + " and more";

        await bot.PostWebhookAsync(Webhook(new JsonObject { ["alertname"] = "Long" }, new JsonObject { ["summary"] = summary }));

        Assert.True(
            new string('a', 198) + "…" == (await bot.GetIncidentAsync("INC-1")).Incident.Title,
            $"{what} was cut through");
    }

    [Fact]
    public async Task The_api_list_and_the_slack_list_read_no_description_labels_or_timeline()
    {
        var logs = new CapturedLogs();
        await using SlackBot bot = await SlackBot.StartAsync(new() { [ShowSql] = "Information" }, services => services.AddSingleton<ILoggerProvider>(logs));
        await bot.DeclareAsync();

        IncidentListView? listed = await bot.Host.CreateClient().GetFromJsonAsync<IncidentListView>("/api/incidents?pageSize=200", Ct);
        string reply = await bot.ReplyToAsync("list all");

        Assert.Single(listed!.Items);
        Assert.Contains("Checkout latency above SLO", reply, StringComparison.Ordinal);
        string[] listQueries = [.. logs.Entries.Select(entry => entry.Message).Where(sql => sql.Contains("-- incident list", StringComparison.Ordinal))];
        Assert.Equal(2, listQueries.Length);
        Assert.All(listQueries, sql => Assert.DoesNotContain("Description", sql, StringComparison.Ordinal));
        Assert.All(listQueries, sql => Assert.DoesNotContain("CommonLabels", sql, StringComparison.Ordinal));
        Assert.All(listQueries, sql => Assert.DoesNotContain("TimelineEntries", sql, StringComparison.Ordinal));
    }

    private static string Webhook(JsonObject labels, JsonObject annotations) => new JsonObject
    {
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"Long\"}",
        ["status"] = "firing",
        ["receiver"] = "incident-bot",
        ["alerts"] = new JsonArray(new JsonObject
        {
            ["status"] = "firing",
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["startsAt"] = "2026-03-02T09:14:00Z",
            ["endsAt"] = "0001-01-01T00:00:00Z",
            ["fingerprint"] = "00000000000000aa",
        }),
    }.ToJsonString();
}
