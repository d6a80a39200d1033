using System.Globalization;
using ChatOpsIncidents.Core.Alerts;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// An incident and its lifecycle: Triggered → Acknowledged → Resolved (and back to Triggered when it reopens).
/// Every change appends a timeline entry; the methods refuse invalid transitions with an <see cref="IncidentError"/>.
/// </summary>
public sealed class Incident
{
    private readonly List<Alert> _alerts = [];
    private readonly List<TimelineEntry> _timeline = [];

    private Incident()
    {
    }

    private Incident(IncidentSource source, string title, Severity severity, DateTimeOffset detectedAt, DateTimeOffset openedAt)
    {
        Source = source;
        Title = Shorten(title);
        Severity = severity;
        Status = IncidentStatus.Triggered;
        DetectedAt = detectedAt;
        OpenedAt = openedAt;
        TriggeredAt = openedAt;
    }

    public long Id { get; private set; }

    public IncidentKey Key => new(Id);

    public IncidentSource Source { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public Severity Severity { get; private set; }

    public IncidentStatus Status { get; private set; }

    public string? Service { get; private set; }

    public string? Environment { get; private set; }

    public string? Namespace { get; private set; }

    public string? Commander { get; private set; }

    public string? Assignee { get; private set; }

    /// <summary>The Alertmanager group key this incident tracks; null for manual incidents.</summary>
    public string? GroupKey { get; private set; }

    /// <summary>SHA-256 of <see cref="GroupKey"/>: group keys can be long, so uniqueness is enforced on the hash.</summary>
    public string? GroupKeyHash { get; private set; }

    public string? Receiver { get; private set; }

    public string? ExternalUrl { get; private set; }

    /// <summary>Labels shared by every alert of the group's latest delivery.</summary>
    public Dictionary<string, string> CommonLabels { get; private set; } = [];

    /// <summary>When the problem began: the earliest alert's startsAt, or the declaration time.</summary>
    public DateTimeOffset DetectedAt { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>When the incident last entered Triggered: its opening, or its latest reopening.</summary>
    public DateTimeOffset TriggeredAt { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>Who acknowledged the incident since it last entered Triggered; null while nobody has.</summary>
    public Actor? AcknowledgedBy { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Who resolved the incident (Alertmanager when its alerts did); null while it is open.</summary>
    public Actor? ResolvedBy { get; private set; }

    public int ReopenCount { get; private set; }

    /// <summary>
    /// Until when the incident is flapping (reopened Incidents:FlappingThreshold times within Incidents:FlappingWindow, the
    /// window counted from its latest such reopening); null when it never was.
    /// </summary>
    public DateTimeOffset? FlappingUntil { get; private set; }

    public bool IsFlapping(DateTimeOffset at) => FlappingUntil > at;

    /// <summary>
    /// Nobody is to be told of the incident but in one line: it arrived already resolved, never seen firing, and
    /// Incidents:ChannelForResolvedOnArrival is off. It has no channel, announcement or postmortem until it reopens.
    /// </summary>
    public bool Quiet { get; private set; }

    /// <summary>The SLO whose burn-rate alert opened the incident, with its error budget at opening and resolution; null for other incidents.</summary>
    public IncidentSlo? Slo { get; private set; }

    /// <summary>The storm incident this incident was opened in (see <see cref="Storms.StormService"/>); null for most incidents.</summary>
    public long? StormIncidentId { get; private set; }

    /// <summary>A person gave the storm's incident a channel of its own, though its severity would have made it a thread in the storm's channel.</summary>
    public bool OwnChannel { get; private set; }

    /// <summary>The id of the Alertmanager silence a person made for the incident's alerts; null when none was made or it was lifted.</summary>
    public string? SilenceId { get; private set; }

    /// <summary>When the silence of <see cref="SilenceId"/> ends by itself.</summary>
    public DateTimeOffset? SilencedUntil { get; private set; }

    /// <summary>The silence is to be lifted when the incident resolves (<see cref="Silences.SilenceQueries.ToLiftAsync"/>).</summary>
    public bool SilenceUntilResolved { get; private set; }

    /// <summary>When a person resolved the incident as not actionable (noise): a false positive, counted by alert name; null for the others.</summary>
    public DateTimeOffset? MarkedNoiseAt { get; private set; }

    /// <summary>The alert name the incident's alerts share (its group's common <c>alertname</c>); null for a declared incident or mixed alerts.</summary>
    public string? AlertName => CommonLabels.GetValueOrDefault("alertname");

    /// <summary>Bumped by every change, so concurrent writers of one incident cannot both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<Alert> Alerts => _alerts;

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public bool IsOpen => Status != IncidentStatus.Resolved;

    /// <summary>Everyone the incident refers to by id: its commander and assignee, whom its entries were for, the Slack users who acted.</summary>
    public IReadOnlyCollection<string> PeopleIds =>
    [
        .. new[] { Commander, Assignee }.OfType<string>()
            .Concat(_timeline.SelectMany(e => e.RecipientIds))
            .Concat(_timeline.Where(e => e.ActorKind == ActorKind.SlackUser).Select(e => e.ActorId))
            .Distinct(StringComparer.Ordinal),
    ];

    public bool IsStorm => Source == IncidentSource.Storm;

    /// <summary>Time to acknowledge and to resolve.</summary>
    public IncidentTimes Times => new(Service, Severity, OpenedAt, TriggeredAt, AcknowledgedAt, ResolvedAt);

    public static Incident Declare(DeclaredIncident declared, Actor by, DateTimeOffset at)
    {
        var incident = new Incident(IncidentSource.Manual, declared.Title, declared.Severity, at, at)
        {
            Description = declared.Description,
            Service = declared.Service,
            Commander = declared.Commander,
        };
        incident.Record(TimelineEntryKind.Opened, by, at, $"Declared {declared.Severity.ToDisplay()}: {incident.Title}");
        return incident;
    }

    internal static Incident OpenFromAlerts(AlertGroupSignal group, IncidentTraits traits, DateTimeOffset detectedAt, DateTimeOffset at)
    {
        var incident = new Incident(IncidentSource.Alertmanager, traits.Title, traits.Severity, detectedAt, at)
        {
            GroupKey = TextLimits.Cut(group.GroupKey, TextLimits.GroupKey),
            GroupKeyHash = AlertGroupSignal.HashGroupKey(group.GroupKey),
            Service = TextLimits.CutOptional(traits.Service, TextLimits.Service),
            Environment = TextLimits.CutOptional(traits.Environment, TextLimits.Service),
            Namespace = TextLimits.CutOptional(traits.Namespace, TextLimits.Service),
            Slo = traits.Slo is null ? null : new IncidentSlo(traits.Slo, at),
        };
        incident.Record(TimelineEntryKind.Opened, Actor.Alertmanager, at, $"Opened {traits.Severity.ToDisplay()} from Alertmanager: {incident.Title}");
        return incident;
    }

    /// <summary>The incident that gathers the <paramref name="incidentCount"/> incidents opened within <paramref name="window"/>, and those opened while the storm lasts.</summary>
    internal static Incident OpenStorm(int incidentCount, TimeSpan window, DateTimeOffset at)
    {
        string within = window.TotalMinutes >= 1 ? $"{window.TotalMinutes:0.#} min" : $"{window.TotalSeconds:0} s";
        var storm = new Incident(IncidentSource.Storm, $"Alert storm: {incidentCount} incidents opened within {within}", Severity.Sev2, at, at);
        storm.Record(TimelineEntryKind.Opened, Actor.System, at, $"Storm started: {incidentCount} incidents opened within {within}; the incidents opened while it lasts are attached to it");
        return storm;
    }

    /// <summary>
    /// The dead-man's switch's incident: no <paramref name="alertName"/> heartbeat for longer than <paramref name="maxGap"/> since
    /// <paramref name="lastBeatAt"/> (null: none since the bot started), so alerts may reach nobody.
    /// </summary>
    internal static Incident OpenPipelineSilent(string alertName, DateTimeOffset? lastBeatAt, TimeSpan maxGap, DateTimeOffset at)
    {
        var silent = new Incident(IncidentSource.Heartbeat, "Alerting pipeline silent", Severity.Sev1, at, at);
        string since = lastBeatAt is { } last
            ? $"since {last.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC"
            : "since the bot started";
        silent.Record(TimelineEntryKind.Opened, Actor.System, at,
            $"Opened {Severity.Sev1.ToDisplay()}: no {alertName} heartbeat from Alertmanager {since}, longer than the expected {maxGap.ToString("c", CultureInfo.InvariantCulture)}. "
            + "Prometheus or Alertmanager may be down or misrouted, and alerts may reach nobody");
        return silent;
    }

    /// <summary>Attaches the incident to the storm <paramref name="storm"/>: it keeps its own alerts, timeline and times.</summary>
    internal void JoinStorm(IncidentKey storm, DateTimeOffset at)
    {
        StormIncidentId = storm.Number;
        Record(TimelineEntryKind.StormJoined, Actor.System, at, $"Attached to the alert storm {storm}");
    }

    /// <summary>Gives an incident of a storm a chat channel of its own; its later news goes there.</summary>
    public IncidentError? GiveOwnChannel(Actor by, DateTimeOffset at)
    {
        if (StormIncidentId is null)
        {
            return IncidentError.InvalidTransition($"{Key} is not part of an alert storm: it has the channel its severity gives it.");
        }
        if (OwnChannel)
        {
            return IncidentError.InvalidTransition($"{Key} already has a channel of its own.");
        }
        OwnChannel = true;
        Record(TimelineEntryKind.OwnChannelGiven, by, at, "Given a channel of its own");
        return null;
    }

    public IncidentError? Acknowledge(Actor by, DateTimeOffset at)
    {
        if (Status != IncidentStatus.Triggered)
        {
            return IncidentError.InvalidTransition($"{Key} is {Describe(Status)}; only a triggered incident can be acknowledged.");
        }
        Status = IncidentStatus.Acknowledged;
        AcknowledgedAt = at;
        AcknowledgedBy = by;
        Record(TimelineEntryKind.Acknowledged, by, at, "Acknowledged");
        return null;
    }

    public IncidentError? Resolve(Actor by, DateTimeOffset at, string? note)
    {
        if (Status == IncidentStatus.Resolved)
        {
            return IncidentError.InvalidTransition(ResolvedBy is { } resolver
                ? $"{Key} is already resolved by {resolver.DisplayName}."
                : $"{Key} is already resolved.");
        }
        MarkResolved(by, at);
        Record(TimelineEntryKind.Resolved, by, at, string.IsNullOrWhiteSpace(note) ? "Resolved" : $"Resolved: {note.Trim()}");
        return null;
    }

    /// <summary>
    /// Resolves the incident as not actionable (noise), or marks an incident already resolved (its alerts resolved it) so:
    /// <paramref name="why"/> goes on the timeline, and the incident counts as a false positive of its alert.
    /// </summary>
    public IncidentError? ResolveAsNoise(Actor by, DateTimeOffset at, string? why)
    {
        if (MarkedNoiseAt is not null)
        {
            return IncidentError.InvalidTransition($"{Key} is already marked not actionable.");
        }
        if (Status != IncidentStatus.Resolved)
        {
            MarkResolved(by, at);
            Record(TimelineEntryKind.Resolved, by, at, "Resolved");
        }
        MarkedNoiseAt = at;
        Record(TimelineEntryKind.MarkedNoise, by, at, string.IsNullOrWhiteSpace(why) ? "Not actionable (noise)" : $"Not actionable (noise): {why.Trim()}");
        return null;
    }

    public IncidentError? Assign(string assignee, Actor by, DateTimeOffset at)
    {
        if ((RefuseWhenResolved("assigned") ?? RefuseWhenAlready(Assignee, assignee, by, "assigned to")) is { } error)
        {
            return error;
        }
        Assignee = assignee;
        Record(TimelineEntryKind.Assigned, by, at, $"Assigned to {assignee}", [assignee]);
        return null;
    }

    public IncidentError? SetCommander(string commander, Actor by, DateTimeOffset at)
    {
        if ((RefuseWhenResolved("given a new commander") ?? RefuseWhenAlready(Commander, commander, by, "commanded by")) is { } error)
        {
            return error;
        }
        Commander = commander;
        Record(TimelineEntryKind.CommanderChanged, by, at, $"Commander is now {commander}", [commander]);
        return null;
    }

    public IncidentError? ChangeSeverity(Severity severity, Actor by, DateTimeOffset at)
    {
        if (RefuseWhenResolved("re-rated") is { } error)
        {
            return error;
        }
        if (severity == Severity)
        {
            return IncidentError.InvalidTransition($"{Key} is already {severity.ToDisplay()}.");
        }
        Record(TimelineEntryKind.SeverityChanged, by, at, $"Severity changed from {Severity.ToDisplay()} to {severity.ToDisplay()}");
        Severity = severity;
        return null;
    }

    public void AddNote(string text, Actor by, DateTimeOffset at) => Record(TimelineEntryKind.Note, by, at, text.Trim());

    /// <summary>
    /// The audit trail of a runbook run: who started it, each step's result and how it ended, or why an automatic run did not start. Recorded whatever the
    /// incident's status, because a run may end after the incident was resolved.
    /// </summary>
    public void RecordRunbook(TimelineEntryKind kind, Actor by, DateTimeOffset at, string text)
    {
        if (kind is not (TimelineEntryKind.RunbookStarted or TimelineEntryKind.RunbookStep or TimelineEntryKind.RunbookFinished or TimelineEntryKind.RunbookDryRun
            or TimelineEntryKind.RunbookRefused))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only runbook entries are recorded this way.");
        }
        Record(kind, by, at, text.Trim());
    }
    /// <summary>An action item for the postmortem, optionally with the Slack user who owns it.</summary>
    public void AddFollowUp(string text, string? owner, Actor by, DateTimeOffset at) =>
        Record(TimelineEntryKind.FollowUpAdded, by, at, text.Trim(), owner is null ? null : [owner]);

    /// <summary>Records the silence <paramref name="silenceId"/> that Alertmanager made for the incident's alerts, until <paramref name="until"/>.</summary>
    public IncidentError? RecordSilence(string silenceId, DateTimeOffset until, bool untilResolved, string? reason, Actor by, DateTimeOffset at)
    {
        if ((RefuseWhenResolved("silenced") ?? RefuseWhenSilenced(at)) is { } error)
        {
            return error;
        }
        SilenceId = silenceId;
        SilencedUntil = until;
        SilenceUntilResolved = untilResolved;
        string length = untilResolved
            ? string.Create(CultureInfo.InvariantCulture, $"until resolved (at the latest {until:yyyy-MM-dd HH:mm} UTC)")
            : string.Create(CultureInfo.InvariantCulture, $"until {until:yyyy-MM-dd HH:mm} UTC");
        Record(TimelineEntryKind.Silenced, by, at,
            string.IsNullOrWhiteSpace(reason) ? $"Silenced in Alertmanager {length}, silence {silenceId}" : $"Silenced in Alertmanager {length}, silence {silenceId}: {reason.Trim()}");
        return null;
    }

    /// <summary>Records that the silence <paramref name="silenceId"/> was lifted (<paramref name="why"/>); refused when it is not the incident's silence.</summary>
    public IncidentError? RecordSilenceLifted(string silenceId, string why, Actor by, DateTimeOffset at)
    {
        if (SilenceId != silenceId)
        {
            return IncidentError.InvalidTransition($"{Key} has no silence {silenceId}.");
        }
        SilenceId = null;
        SilencedUntil = null;
        SilenceUntilResolved = false;
        Record(TimelineEntryKind.SilenceLifted, by, at, $"Silence {silenceId} lifted: {why}");
        return null;
    }

    /// <summary>The silence in force at <paramref name="at"/>; null when there is none.</summary>
    public string? SilenceInForce(DateTimeOffset at) => SilencedUntil > at ? SilenceId : null;

    private IncidentError? RefuseWhenSilenced(DateTimeOffset at) => SilenceInForce(at) is { } silence
        ? IncidentError.InvalidTransition(string.Create(CultureInfo.InvariantCulture,
            $"{Key} is already silenced until {SilencedUntil:yyyy-MM-dd HH:mm} UTC (silence {silence}); lift it with `/incident unsilence {Key}` first."))
        : null;

    /// <param name="flappingUntil">Until when the reopening makes it flapping; null when it does not.</param>
    internal void Reopen(string reason, DateTimeOffset at, DateTimeOffset? flappingUntil = null)
    {
        FlappingUntil = flappingUntil ?? FlappingUntil;
        Status = IncidentStatus.Triggered;
        TriggeredAt = at;
        AcknowledgedAt = null;
        AcknowledgedBy = null;
        ResolvedAt = null;
        ResolvedBy = null;
        ReopenCount++;
        Quiet = false;
        Record(TimelineEntryKind.Reopened, Actor.Alertmanager, at, $"Reopened: {reason}");
    }

    internal void AutoResolve(DateTimeOffset at)
    {
        MarkResolved(Actor.Alertmanager, at);
        Record(TimelineEntryKind.AutoResolved, Actor.Alertmanager, at, "All alerts resolved; the incident resolved itself");
    }

    /// <summary>Resolves an incident opened from an alert group that arrived already resolved: recorded for the audit, <paramref name="quiet"/> or told as any other.</summary>
    internal void ResolveOnArrival(bool quiet, DateTimeOffset at)
    {
        MarkResolved(Actor.Alertmanager, at);
        Quiet = quiet;
        Record(TimelineEntryKind.AutoResolved, Actor.Alertmanager, at, "The alert group arrived already resolved, never seen firing; the incident is recorded resolved");
    }

    /// <summary>Alerts only ever raise the severity; lowering it is a person's decision.</summary>
    internal void RaiseSeverityFromAlert(Severity severity, string alertName, DateTimeOffset at)
    {
        if (severity < Severity)
        {
            Record(TimelineEntryKind.SeverityChanged, Actor.Alertmanager, at, $"Severity raised from {Severity.ToDisplay()} to {severity.ToDisplay()} by alert {alertName}");
            Severity = severity;
        }
    }

    /// <summary>True when <see cref="UpdateGroupDetails"/> would change nothing.</summary>
    internal bool HasGroupDetails(AlertGroupSignal group) =>
        Receiver == group.Receiver && ExternalUrl == group.ExternalUrl && LabelSet.AreEqual(CommonLabels, group.CommonLabels);

    internal void UpdateGroupDetails(AlertGroupSignal group)
    {
        if (HasGroupDetails(group))
        {
            return;
        }
        Receiver = group.Receiver;
        ExternalUrl = group.ExternalUrl;
        CommonLabels = new Dictionary<string, string>(group.CommonLabels);
        RecordQuietChange();
    }

    /// <summary>
    /// A change nobody needs to hear about (group details; an alert's annotations, end or link) has no timeline entry but
    /// moves the version all the same: concurrent writers must not both win, and the repeated-delivery index relies on
    /// the version moving with every change it would read (<see cref="Alerts.RepeatedDeliveryIndex"/>).
    /// </summary>
    internal void RecordQuietChange() => Version++;

    internal void AttachAlert(Alert alert, DateTimeOffset at)
    {
        _alerts.Add(alert);
        if (alert.StartsAt < DetectedAt)
        {
            DetectedAt = alert.StartsAt;
        }
        RecordAlertChange(alert, at);
    }

    internal void RecordAlertChange(Alert alert, DateTimeOffset at)
    {
        TimelineEntryKind kind = alert.Status == AlertStatus.Firing ? TimelineEntryKind.AlertFiring : TimelineEntryKind.AlertResolved;
        string verb = alert.Status == AlertStatus.Firing ? "Alert firing" : "Alert resolved";
        Record(kind, Actor.Alertmanager, at, $"{verb}: {alert.Describe()}");
    }

    internal void RecordInconsistentAlertTimes(IReadOnlyList<AlertSignal> alerts, DateTimeOffset at)
    {
        AlertSignal first = alerts[0];
        string example = string.Create(CultureInfo.InvariantCulture,
            $"{first.AlertName ?? first.Fingerprint} was reported to end at {first.ReportedEndsAt:u}, before it started at {first.StartsAt:u}");
        Record(TimelineEntryKind.Note, Actor.Alertmanager, at, alerts.Count == 1
            ? $"Alert {example}; its end is taken as its start"
            : $"{alerts.Count} alerts were reported to end before they started (alert {example}); their ends are taken as their starts");
    }

    private void MarkResolved(Actor by, DateTimeOffset at)
    {
        Status = IncidentStatus.Resolved;
        ResolvedAt = at;
        ResolvedBy = by;
        Slo?.ReadingWanted(at);
    }

    private IncidentError? RefuseWhenResolved(string action) => Status == IncidentStatus.Resolved
        ? IncidentError.InvalidTransition($"{Key} is resolved and cannot be {action}.")
        : null;

    /// <summary>Giving a role to the person who has it is refused like a second acknowledgement: a double click changes nothing.</summary>
    private IncidentError? RefuseWhenAlready(string? holder, string person, Actor by, string role) => holder == person
        ? IncidentError.InvalidTransition($"{Key} is already {role} {(person == by.Id ? "you" : "that person")}.")
        : null;

    /// <summary>An entry written by escalation, postmortems and follow-ups, with whom it is for.</summary>
    internal void Record(TimelineEntryKind kind, Actor by, DateTimeOffset at, string text, IReadOnlyList<string>? recipients = null, DateTimeOffset? dueAt = null)
    {
        _timeline.Add(new TimelineEntry(kind, by, at, text, recipients, dueAt));
        Version++;
    }

    private string Describe(IncidentStatus status) => status switch
    {
        IncidentStatus.Acknowledged when AcknowledgedBy is { } by => $"already acknowledged by {by.DisplayName}",
        IncidentStatus.Acknowledged => "already acknowledged",
        IncidentStatus.Resolved => "resolved",
        _ => "triggered",
    };

    private static string Shorten(string title) =>
        TextLimits.Cut(string.IsNullOrWhiteSpace(title) ? "Untitled incident" : title.Trim(), TextLimits.Title);
}
