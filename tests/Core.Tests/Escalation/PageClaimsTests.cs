using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Tests.Persistence;
using ChatOpsIncidents.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.Escalation;

/// <summary>
/// A sent page message is edited once an incident it pages for is no longer triggered: claimed whole, once at a time. The
/// pages of the other channels are claimed on their own lane, one at a time.
/// </summary>
public sealed class PageClaimsTests(PostgresServer postgres)
{
    private const string Alice = "UALICE";
    private const string Conversation = "D0ALICE01";
    private const string MessageTs = "1772442900.000100";
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PageClaims Claims(IncidentsDbContext db) => new(db, Options.Create(new OutboxOptions()), _time);

    [Theory, OnEveryDatabase]
    public async Task A_sent_message_is_claimed_whole_for_its_edit_once_one_of_its_incidents_is_acknowledged_and_then_no_more(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time, new EscalationOptions
        {
            Policies = [new EscalationPolicy { Name = "sev1", Severities = [Severity.Sev1], Steps = [new EscalationStep { Users = [Alice], WaitMinutes = 5 }] }],
        });
        IncidentKey[] keys = [await DeclareAndEscalateAsync(db, automation, "Checkout is down"), await DeclareAndEscalateAsync(db, automation, "Search is empty")];
        await using (IncidentsDbContext context = db.NewContext())
        {
            PageClaims claims = Claims(context);
            ClaimedPages sending = (await claims.ClaimNextAsync("sender", Ct))!;
            Assert.Equal(2, sending.Pages.Count);
            foreach (Page page in sending.Pages)
            {
                page.Sent(Conversation, MessageTs, _time.GetUtcNow());
            }
            await claims.SaveAsync(Ct);
            Assert.Null(await claims.ClaimNextMessageAsync("editor", Ct)); // both incidents still wait for an ack
        }
        await using (IncidentsDbContext context = db.NewContext())
        {
            Assert.True((await automation.Incidents(context).AcknowledgeAsync(keys[0], Actor.SlackUser(Alice), Ct)).Succeeded);
        }

        await using IncidentsDbContext editing = db.NewContext();
        PageClaims editor = Claims(editing);
        ClaimedPageMessage message = (await editor.ClaimNextMessageAsync("editor", Ct))!;
        await using (IncidentsDbContext other = db.NewContext())
        {
            Assert.Null(await Claims(other).ClaimNextMessageAsync("another replica", Ct));
        }
        Assert.Equal((Conversation, MessageTs, Alice), (message.Channel, message.Ts, message.Recipient));
        Assert.Equal(keys, message.Pages.Select(p => p.Incident.Key));
        Assert.Equal(keys, message.Leased.Select(p => p.Incident.Key));
        message.Leased[0].CloseMessage(_time.GetUtcNow());
        message.Leased[1].ReleaseLease();
        await editor.SaveAsync(Ct);
        Assert.Null(await editor.ClaimNextMessageAsync("editor", Ct));

        await using IncidentsDbContext check = db.NewContext();
        List<Page> stored = await check.Pages.AsNoTracking().OrderBy(p => p.Id).ToListAsync(Ct);
        Assert.Equal(
            [(Conversation, MessageTs, _time.GetUtcNow(), (string?)null), (Conversation, MessageTs, (DateTimeOffset?)null, null)],
            stored.Select(p => (p.MessageChannel, p.MessageTs, p.MessageClosedAt, p.LeaseOwner)));
    }

    [Theory, OnEveryDatabase]
    public async Task A_PagerDuty_page_is_claimed_apart_from_the_Slack_pages_and_again_for_each_status_of_its_incident_until_resolved(DatabaseProvider provider)
    {
        await using TestDb db = await TestDb.CreateAsync(provider, postgres, Ct);
        var automation = new Automation(_time, new EscalationOptions
        {
            Policies = [new EscalationPolicy { Name = "sev1", Severities = [Severity.Sev1], Steps = [new EscalationStep { Users = [Alice], PagerDuty = ["payments"] }] }],
        });
        IncidentKey key = await DeclareAndEscalateAsync(db, automation, "Checkout is down");
        await using (IncidentsDbContext context = db.NewContext())
        {
            ClaimedPages slack = (await Claims(context).ClaimNextAsync("slack lane", Ct))!;
            Assert.Equal((PageChannel.Slack, Alice), (Assert.Single(slack.Pages).Channel, slack.Recipient));
        }

        List<IncidentStatus?> told = [];
        foreach (Func<IncidentsDbContext, Task>? change in new Func<IncidentsDbContext, Task>?[]
        {
            null,
            context => automation.Incidents(context).AcknowledgeAsync(key, Actor.SlackUser(Alice), Ct),
            context => automation.Incidents(context).ResolveAsync(key, Actor.SlackUser(Alice), null, Ct),
        })
        {
            if (change is not null)
            {
                await using IncidentsDbContext changing = db.NewContext();
                await change(changing);
            }
            await using IncidentsDbContext context = db.NewContext();
            PageClaims claims = Claims(context);
            Page page = (await claims.ClaimNextNotificationAsync("notification lane", Ct))!;
            await using (IncidentsDbContext other = db.NewContext())
            {
                Assert.Null(await Claims(other).ClaimNextNotificationAsync("another replica", Ct));
            }
            Assert.Equal(new PageTarget(PageChannel.PagerDuty, "payments"), page.Target);
            if (page.Outcome is null)
            {
                page.Delivered(_time.GetUtcNow());
            }
            else
            {
                page.Told(page.Incident.Status);
            }
            await claims.SaveAsync(Ct);
            told.Add(page.StatusTold);
            Assert.Null(await claims.ClaimNextNotificationAsync("notification lane", Ct));
        }

        Assert.Equal([IncidentStatus.Triggered, IncidentStatus.Acknowledged, IncidentStatus.Resolved], told);
    }

    private static async Task<IncidentKey> DeclareAndEscalateAsync(TestDb db, Automation automation, string title)
    {
        IncidentKey key;
        await using (IncidentsDbContext context = db.NewContext())
        {
            key = (await automation.Incidents(context).DeclareAsync(new DeclaredIncident(title, Severity.Sev1), Actor.SlackUser("UCAROL"), Ct)).Incident!.Key;
        }
        await using IncidentsDbContext firing = db.NewContext();
        Assert.True(await automation.DueWork(firing).FireDueAsync(EscalationSteps.KindName, key.ToString(), Ct));
        return key;
    }
}
