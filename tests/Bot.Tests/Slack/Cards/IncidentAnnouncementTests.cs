using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Cards;

public sealed class IncidentAnnouncementTests
{
    [Fact]
    public void A_new_incident_is_announced_with_severity_key_title_and_its_channel()
    {
        Incident incident = CardIncidents.Declared(severity: Severity.Sev1, title: "Checkout is down");

        Assert.Equal("🔴 *SEV1* INC-42 · Checkout is down — <#C0INC0042> · commander <@U0ONCALL1>", IncidentAnnouncement.Render(incident, "C0INC0042"));
    }

    /// <summary>Issue 17, item 15: a SEV3 was announced with 🚨 as a SEV1 is.</summary>
    [Fact]
    public void The_line_leads_with_the_emoji_of_its_severity()
    {
        Incident incident = CardIncidents.Declared(severity: Severity.Sev3, title: "Disk filling up", commander: null);

        Assert.Equal("🟡 *SEV3* INC-42 · Disk filling up — <#C0INC0042>", IncidentAnnouncement.Render(incident, "C0INC0042"));
    }

    [Fact]
    public void The_title_is_escaped()
    {
        Incident incident = CardIncidents.Declared(title: "<!here> DB & cache");

        Assert.Equal("🟠 *SEV2* INC-42 · &lt;!here&gt; DB &amp; cache — <#C0INC0042> · commander <@U0ONCALL1>", IncidentAnnouncement.Render(incident, "C0INC0042"));
    }

    [Fact]
    public void An_incident_acknowledged_through_the_API_names_the_token_and_its_assignee()
    {
        Incident incident = CardIncidents.Declared(commander: null);
        incident.Acknowledge(Actor.Api("ci"), CardIncidents.Start.AddMinutes(2));
        incident.Assign("U0ALICE01", Actor.Api("ci"), CardIncidents.Start.AddMinutes(3));

        Assert.Equal(
            "🟠 *SEV2* INC-42 · Checkout latency above SLO — <#C0INC0042> · 👀 acknowledged by ci · assigned to <@U0ALICE01>",
            IncidentAnnouncement.Render(incident, "C0INC0042"));
    }
}
