using System.Text.Json.Nodes;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Bot.Tests.Slack.BlockKit;
using ChatOpsIncidents.Bot.Tests.Slack.Cards;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Silences;

public sealed class SilenceCardTests
{
    private const string SilenceId = "8a3f1c52-4d1e-4b7a-9c0e-2f6d5b8e7a11";
    private static readonly DateTimeOffset s_now = CardIncidents.Start.AddMinutes(30);

    private static Incident FromAlerts() => CardIncidents.FromAlerts(7, [CardIncidents.Firing("a1")]);

    private static JsonObject Render(Incident incident) => SlackJson.Node(IncidentCard.Render(incident, [], SlackOptions.DefaultCardLabels, s_now));

    [Fact]
    public void The_menu_of_an_incident_from_alerts_offers_to_silence_them_for_1h_4h_or_until_resolved()
    {
        JsonNode menu = CardJson.BlocksOfType(Render(FromAlerts()), "actions")[0]["elements"]!.AsArray()[^1]!;

        SlackJson.Equal(
            """
            { "label": { "type": "plain_text", "text": "Silence in Alertmanager", "emoji": true },
              "options": [ { "text": { "type": "plain_text", "text": "Silence 1h", "emoji": true }, "value": "INC-7|silence|1h" },
                           { "text": { "type": "plain_text", "text": "Silence 4h", "emoji": true }, "value": "INC-7|silence|4h" },
                           { "text": { "type": "plain_text", "text": "Silence until resolved", "emoji": true }, "value": "INC-7|silence|until-resolved" } ] }
            """,
            menu["option_groups"]![1]);
    }

    [Fact]
    public void A_declared_incident_has_no_alerts_to_silence()
    {
        JsonNode menu = CardJson.BlocksOfType(Render(CardIncidents.Declared()), "actions")[0]["elements"]!.AsArray()[^1]!;

        Assert.DoesNotContain("silence", menu.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_silenced_incident_shows_until_when_and_the_silence_id_and_offers_no_other_silence()
    {
        Incident incident = FromAlerts();
        incident.RecordSilence(SilenceId, s_now.AddHours(4), untilResolved: false, "deploying", Actor.SlackUser("U0ONCALL1", "dana"), s_now);

        JsonObject card = Render(incident);

        Assert.Contains($"🔕 Alerts silenced in Alertmanager until <!date^1772459047^{{date_short_pretty}} {{time}}|2026-03-02 13:44 UTC> · silence `{SilenceId}`", CardJson.MrkdwnTexts(card));
        Assert.DoesNotContain("|silence|", CardJson.BlocksOfType(card, "actions")[0].ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_silence_that_ended_is_no_longer_shown()
    {
        Incident incident = FromAlerts();
        incident.RecordSilence(SilenceId, s_now.AddMinutes(-1), untilResolved: false, null, Actor.SlackUser("U0ONCALL1", "dana"), s_now.AddHours(-1));

        Assert.DoesNotContain(CardJson.MrkdwnTexts(Render(incident)), text => text.Contains("silenced", StringComparison.Ordinal));
    }
}
