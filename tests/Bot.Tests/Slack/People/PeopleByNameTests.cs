using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.People;

/// <summary>What people read outside Slack (the API, the postmortem) names people as Slack does, asking <c>users.info</c> at most once an hour each.</summary>
public sealed class PeopleByNameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_API_and_the_postmortem_name_people_and_ask_Slack_again_only_after_an_hour()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        await bot.ReplyToAsync($"assign {key} <@{SlackBot.OtherUserId}|alice>");
        await bot.ReplyToAsync($"resolve {key}");
        HttpClient api = bot.Host.CreateClient();

        IncidentDetailsView? incident = await api.GetFromJsonAsync<IncidentDetailsView>($"/api/incidents/{key}", Ct);
        string postmortem = await api.GetStringAsync($"/api/incidents/{key}/postmortem", Ct);

        TimelineEntryView assigned = incident!.Timeline.Single(e => e.Kind == nameof(TimelineEntryKind.Assigned));
        Assert.Equal(("Dana Example", "Assigned to Alice Example"), (assigned.Actor, assigned.Text));
        Assert.Contains("- Alice Example\n- Dana Example\n", postmortem, StringComparison.Ordinal);
        Assert.DoesNotContain(SlackBot.OtherUserId, postmortem, StringComparison.Ordinal);
        int asked = bot.Slack.CallsTo("users.info").Count;
        await api.GetStringAsync($"/api/incidents/{key}/postmortem", Ct);
        await api.GetStringAsync($"/api/incidents/{key}", Ct);
        Assert.Equal(asked, bot.Slack.CallsTo("users.info").Count);
    }
}
