using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class IncidentLifecycleTests
{
    private static readonly DateTimeOffset s_declaredAt = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor s_alice = Actor.SlackUser("U024BE7LH", "alice");

    private static Incident Declare() => Incident.Declare(new DeclaredIncident("Checkout is down", Severity.Sev2, "checkout"), s_alice, s_declaredAt);

    [Fact]
    public void A_declared_incident_is_triggered_and_records_who_declared_it()
    {
        Incident incident = Declare();

        Assert.Equal(IncidentStatus.Triggered, incident.Status);
        Assert.Equal(IncidentSource.Manual, incident.Source);
        Assert.Equal(s_declaredAt, incident.DetectedAt);
        TimelineEntry opened = Assert.Single(incident.Timeline);
        Assert.Equal(TimelineEntryKind.Opened, opened.Kind);
        Assert.Equal(s_alice, opened.Actor);
    }

    [Fact]
    public void Acknowledging_records_the_time_to_acknowledge_and_an_entry_by_the_acknowledger()
    {
        Incident incident = Declare();

        IncidentError? error = incident.Acknowledge(s_alice, s_declaredAt.AddMinutes(3));

        Assert.Null(error);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal(TimeSpan.FromMinutes(3), incident.Times.TimeToAcknowledge);
        Assert.Equal(TimelineEntryKind.Acknowledged, incident.Timeline[^1].Kind);
        Assert.Equal("U024BE7LH", incident.Timeline[^1].ActorId);
    }

    [Fact]
    public void Assigning_the_assignee_again_is_refused_and_records_one_assignment()
    {
        Incident incident = Declare();
        Assert.Null(incident.Assign(s_alice.Id, s_alice, s_declaredAt.AddMinutes(1)));

        IncidentError? error = incident.Assign(s_alice.Id, s_alice, s_declaredAt.AddMinutes(2));

        Assert.Equal("INC-0 is already assigned to you.", error?.Message);
        Assert.Single(incident.Timeline, e => e.Kind == TimelineEntryKind.Assigned);
    }

    [Fact]
    public void Naming_the_commander_again_is_refused_and_records_one_change()
    {
        Incident incident = Declare();
        Assert.Null(incident.SetCommander("U0BOB", s_alice, s_declaredAt.AddMinutes(1)));

        IncidentError? error = incident.SetCommander("U0BOB", s_alice, s_declaredAt.AddMinutes(2));

        Assert.Equal("INC-0 is already commanded by that person.", error?.Message);
        Assert.Single(incident.Timeline, e => e.Kind == TimelineEntryKind.CommanderChanged);
    }

    [Fact]
    public void Acknowledging_a_resolved_incident_is_refused_and_changes_nothing()
    {
        Incident incident = Declare();
        incident.Resolve(s_alice, s_declaredAt.AddMinutes(10), null);
        int entries = incident.Timeline.Count;

        IncidentError? error = incident.Acknowledge(s_alice, s_declaredAt.AddMinutes(11));

        Assert.Equal(IncidentErrorKind.InvalidTransition, error?.Kind);
        Assert.Contains("resolved", error!.Message, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Null(incident.AcknowledgedAt);
        Assert.Equal(entries, incident.Timeline.Count);
    }

    [Fact]
    public void Acknowledging_twice_is_refused()
    {
        Incident incident = Declare();
        incident.Acknowledge(s_alice, s_declaredAt.AddMinutes(1));

        IncidentError? error = incident.Acknowledge(s_alice, s_declaredAt.AddMinutes(2));

        Assert.Equal(IncidentErrorKind.InvalidTransition, error?.Kind);
        Assert.Equal(s_declaredAt.AddMinutes(1), incident.AcknowledgedAt);
    }

    [Fact]
    public void Resolving_twice_is_refused()
    {
        Incident incident = Declare();
        incident.Resolve(s_alice, s_declaredAt.AddMinutes(1), "fixed");

        Assert.Equal(IncidentErrorKind.InvalidTransition, incident.Resolve(s_alice, s_declaredAt.AddMinutes(2), null)?.Kind);
        Assert.Equal(s_declaredAt.AddMinutes(1), incident.ResolvedAt);
    }

    [Fact]
    public void A_triggered_incident_can_be_resolved_without_an_acknowledgement_and_keeps_the_note()
    {
        Incident incident = Declare();

        Assert.Null(incident.Resolve(s_alice, s_declaredAt.AddMinutes(20), "  rolled back  "));

        Assert.Equal(TimeSpan.FromMinutes(20), incident.Times.TimeToResolve);
        Assert.Null(incident.Times.TimeToAcknowledge);
        Assert.Equal("Resolved: rolled back", incident.Timeline[^1].Text);
    }

    [Fact]
    public void Assigning_commanding_and_rerating_are_recorded_and_refused_once_resolved()
    {
        Incident incident = Declare();

        Assert.Null(incident.Assign("U0BOB", s_alice, s_declaredAt));
        Assert.Null(incident.SetCommander("U0CAROL", s_alice, s_declaredAt));
        Assert.Null(incident.ChangeSeverity(Severity.Sev1, s_alice, s_declaredAt));
        incident.Resolve(s_alice, s_declaredAt.AddMinutes(5), null);

        Assert.Equal(("U0BOB", "U0CAROL", Severity.Sev1), (incident.Assignee, incident.Commander, incident.Severity));
        Assert.Equal(
            [TimelineEntryKind.Opened, TimelineEntryKind.Assigned, TimelineEntryKind.CommanderChanged, TimelineEntryKind.SeverityChanged, TimelineEntryKind.Resolved],
            incident.Timeline.Select(e => e.Kind));
        Assert.NotNull(incident.Assign("U0DAVE", s_alice, s_declaredAt));
        Assert.NotNull(incident.SetCommander("U0DAVE", s_alice, s_declaredAt));
        Assert.NotNull(incident.ChangeSeverity(Severity.Sev4, s_alice, s_declaredAt));
        Assert.Equal("U0BOB", incident.Assignee);
    }

    [Fact]
    public void Changing_to_the_same_severity_is_refused()
    {
        Incident incident = Declare();

        IncidentError? error = incident.ChangeSeverity(Severity.Sev2, s_alice, s_declaredAt);

        Assert.Equal("INC-0 is already SEV2.", error?.Message);
    }

    [Fact]
    public void A_long_title_is_shortened_with_an_ellipsis()
    {
        Incident incident = Incident.Declare(new DeclaredIncident(new string('x', 500), Severity.Sev3), s_alice, s_declaredAt);

        Assert.Equal(TextLimits.Title, incident.Title.Length);
        Assert.EndsWith("…", incident.Title, StringComparison.Ordinal);
    }
}
