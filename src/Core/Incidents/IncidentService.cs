using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// The commands people (and scripts) give an incident. Each one commits with its timeline entry and with what the bot does by
/// itself in reaction (<see cref="IncidentAutomation"/>); the scheduler hears of it after the commit. On SQLite, commands given
/// together share a commit (<see cref="GroupCommit"/>); one given inside the caller's transaction is part of it.
/// </summary>
public sealed class IncidentService(
    IncidentsDbContext db, IncidentAutomation automation, GroupCommit writes, HandledRequests handled, TimeProvider time)
{
    private static readonly CompiledPerModel<Func<IncidentsDbContext, long, CancellationToken, Task<Incident?>>> s_incident = new(
        () => EF.CompileAsyncQuery((IncidentsDbContext db, long id, CancellationToken _) => db.Incidents.SingleOrDefault(i => i.Id == id)));

    public Task<IncidentCommandResult> AcknowledgeAsync(IncidentKey key, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, refusal: null, (incident, at) => incident.Acknowledge(by, at), cancellationToken);

    /// <summary>
    /// Acknowledges each of <paramref name="keys"/> as <see cref="AcknowledgeAsync"/> does, all in one commit, which also records
    /// <paramref name="request"/> when given (<see cref="HandledRequests.RecordInTransactionAsync"/>): a request is acted on once on any replica,
    /// and no crash keeps its acks without its record or the other way round. Null, and nothing acknowledged, for a replay.
    /// </summary>
    public async Task<IReadOnlyList<IncidentCommandResult>?> AcknowledgeAllAsync(
        IReadOnlyList<IncidentKey> keys, Actor by, string? request, CancellationToken cancellationToken)
    {
        if (CheckActor(by) is { } refused)
        {
            return [.. keys.Select(_ => IncidentCommandResult.Failure(refused))];
        }
        (List<IncidentCommandResult>? results, IncidentWake? wake) = await WriteAsync<(List<IncidentCommandResult>?, IncidentWake?)>(
            async (db, reacting, token) =>
            {
                if (request is not null && !await handled.RecordInTransactionAsync(db, request, token))
                {
                    return (null, null);
                }
                var results = new List<IncidentCommandResult>(keys.Count);
                var work = new List<IDueWork>();
                foreach (IncidentKey key in keys)
                {
                    (IncidentCommandResult result, IncidentWake? changed) =
                        await ApplyAsync(db, reacting, key, by, WithoutOwnWake((incident, at) => incident.Acknowledge(by, at)), token);
                    results.Add(result);
                    work.AddRange(changed?.Work ?? []);
                }
                return (results, new IncidentWake([.. work.Distinct()]));
            },
            cancellationToken);
        await automation.WakeAsync(wake, cancellationToken);
        return results;
    }

    public Task<IncidentCommandResult> ResolveAsync(IncidentKey key, Actor by, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, TextLimits.Check("note", note, TextLimits.Note), (incident, at) => incident.Resolve(by, at, note), cancellationToken);

    /// <summary>Resolves the incident as not actionable (noise), or marks it so once resolved, saying <paramref name="why"/>.</summary>
    public Task<IncidentCommandResult> ResolveAsNoiseAsync(IncidentKey key, Actor by, string? why, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, TextLimits.Check("reason", why, TextLimits.Note), (incident, at) => incident.ResolveAsNoise(by, at, why), cancellationToken);

    public Task<IncidentCommandResult> AssignAsync(IncidentKey key, string assignee, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, TextLimits.Check("assignee", assignee, TextLimits.Person), (incident, at) => incident.Assign(assignee, by, at), cancellationToken);

    public Task<IncidentCommandResult> SetCommanderAsync(IncidentKey key, string commander, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, TextLimits.Check("commander", commander, TextLimits.Person), (incident, at) => incident.SetCommander(commander, by, at), cancellationToken);

    public Task<IncidentCommandResult> ChangeSeverityAsync(IncidentKey key, Severity severity, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, refusal: null, (incident, at) => incident.ChangeSeverity(severity, by, at), cancellationToken);

    public Task<IncidentCommandResult> GiveOwnChannelAsync(IncidentKey key, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, refusal: null, (incident, at) => incident.GiveOwnChannel(by, at), cancellationToken);

    public Task<IncidentCommandResult> AddNoteAsync(IncidentKey key, string text, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, RequiredText("note", text, TextLimits.Note, "A note needs some text."),
            (incident, at) => { incident.AddNote(text, by, at); return null; }, cancellationToken);

    /// <summary>Records the Alertmanager silence made for the incident's alerts (see <see cref="Incident.RecordSilence"/>).</summary>
    public Task<IncidentCommandResult> RecordSilenceAsync(
        IncidentKey key, string silenceId, DateTimeOffset until, bool untilResolved, string? reason, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, TextLimits.Check("reason", reason, TextLimits.Note) ?? TextLimits.Check("silence id", silenceId, TextLimits.SilenceId),
            (incident, at) => incident.RecordSilence(silenceId, until, untilResolved, reason, by, at), cancellationToken);

    /// <summary>Records that the incident's silence was lifted in Alertmanager, <paramref name="why"/>; also once the incident resolved.</summary>
    public Task<IncidentCommandResult> RecordSilenceLiftedAsync(IncidentKey key, string silenceId, string why, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, refusal: null, (incident, at) => incident.RecordSilenceLifted(silenceId, why, by, at), cancellationToken);

    /// <summary>
    /// Records an action item for the postmortem, owned by <paramref name="owner"/> (a Slack user id) when given, and, with a
    /// tracker configured, has its issue created there after the commit.
    /// </summary>
    public Task<IncidentCommandResult> AddFollowUpAsync(IncidentKey key, string text, string? owner, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, RequiredText("follow-up", text, TextLimits.Note, "A follow-up needs some text.") ?? TextLimits.Check("owner", owner, TextLimits.Person),
            (incident, at, reacting, _) => Task.FromResult(reacting.AddFollowUp(incident, text, owner, by, at)), cancellationToken);

    /// <summary>Marks the postmortem of a resolved incident done, with a link to the finished document; its reminders stop.</summary>
    public Task<IncidentCommandResult> CompletePostmortemAsync(IncidentKey key, string link, Actor by, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, RequiredText("link", link, TextLimits.Url, "Marking a postmortem done needs the link to it."),
            (incident, at, reacting, token) => reacting.CompletePostmortemAsync(incident, link.Trim(), by, at, token), cancellationToken);

    public async Task<IncidentCommandResult> DeclareAsync(DeclaredIncident declared, Actor by, CancellationToken cancellationToken)
    {
        IncidentError? refusal = RequiredText("title", declared.Title, TextLimits.Title, "An incident needs a title.")
            ?? TextLimits.Check("description", declared.Description, TextLimits.Description)
            ?? TextLimits.Check("service", declared.Service, TextLimits.Service)
            ?? TextLimits.Check("commander", declared.Commander, TextLimits.Person)
            ?? CheckActor(by);
        if (refusal is not null)
        {
            return IncidentCommandResult.Failure(refusal);
        }
        (Incident incident, IncidentWake? wake) = await WriteAsync(
            async (db, reacting, token) =>
            {
                DateTimeOffset now = time.GetStorableUtcNow();
                var incident = Incident.Declare(declared, by, now);
                db.Incidents.Add(incident);
                IncidentWake? wake = await reacting.ReactAsync(incident, statusBefore: null, by, now, token);
                await db.SaveChangesAsync(token);
                return (incident, wake);
            },
            cancellationToken);
        await automation.WakeAsync(wake, cancellationToken);
        return IncidentCommandResult.Success(incident);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the context and automation to write with: in the caller's transaction when one is open
    /// (it commits, or rolls back, the whole of it). Otherwise, on SQLite, whose writers take turns anyway, in a batch of
    /// <see cref="GroupCommit"/> sharing one fsync; on PostgreSQL in a transaction of its own, so that commands run in parallel
    /// and one waiting for a row lock holds up no other.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<IncidentsDbContext, IncidentAutomation, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null && db.Database.IsSqlite()
            ? writes.WriteAsync(
                (services, token) => work(services.GetRequiredService<IncidentsDbContext>(), services.GetRequiredService<IncidentAutomation>(), token),
                cancellationToken)
            : db.WriteAsync(token => work(db, automation, token), cancellationToken);

    /// <summary>A refusal when text people must give is blank (<paramref name="whenBlank"/>) or over its limit.</summary>
    private static IncidentError? RequiredText(string field, string text, int limit, string whenBlank) =>
        string.IsNullOrWhiteSpace(text) ? IncidentError.InvalidInput(whenBlank) : TextLimits.Check(field, text, limit);

    private static IncidentError? CheckActor(Actor by) => TextLimits.Check("by", by.OnBehalfOf, TextLimits.Person);

    private Task<IncidentCommandResult> ChangeAsync(
        IncidentKey key, Actor by, IncidentError? refusal, Func<Incident, DateTimeOffset, IncidentError?> change, CancellationToken cancellationToken) =>
        ChangeAsync(key, by, refusal, WithoutOwnWake(change), cancellationToken);

    /// <summary>A change that has no due work of its own to wake (the automation's reaction to it may).</summary>
    private static Func<Incident, DateTimeOffset, IncidentAutomation, CancellationToken, Task<(IncidentError?, IncidentWake?)>> WithoutOwnWake(
        Func<Incident, DateTimeOffset, IncidentError?> change) =>
        (incident, at, _, _) => Task.FromResult<(IncidentError?, IncidentWake?)>((change(incident, at), null));

    /// <summary>
    /// Applies <paramref name="change"/> in a write transaction, unless the input was refused (<paramref name="refusal"/>, or the
    /// actor's own); the change is given the automation of that transaction.
    /// </summary>
    private async Task<IncidentCommandResult> ChangeAsync(
        IncidentKey key,
        Actor by,
        IncidentError? refusal,
        Func<Incident, DateTimeOffset, IncidentAutomation, CancellationToken, Task<(IncidentError? Error, IncidentWake? Wake)>> change,
        CancellationToken cancellationToken)
    {
        if ((refusal ?? CheckActor(by)) is { } refused)
        {
            return IncidentCommandResult.Failure(refused);
        }
        (IncidentCommandResult result, IncidentWake? wake) = await WriteAsync(
            (db, reacting, token) => ApplyAsync(db, reacting, key, by, change, token), cancellationToken);
        await automation.WakeAsync(wake, cancellationToken);
        return result;
    }

    /// <summary>Applies <paramref name="change"/> to the incident <paramref name="key"/> in <paramref name="db"/>'s write, with the automation's reaction, and saves.</summary>
    private async Task<(IncidentCommandResult Result, IncidentWake? Wake)> ApplyAsync(
        IncidentsDbContext db,
        IncidentAutomation reacting,
        IncidentKey key,
        Actor by,
        Func<Incident, DateTimeOffset, IncidentAutomation, CancellationToken, Task<(IncidentError? Error, IncidentWake? Wake)>> change,
        CancellationToken cancellationToken)
    {
        Incident? incident = await s_incident.For(db)(db, key.Number, cancellationToken);
        if (incident is null)
        {
            return (IncidentCommandResult.Failure(IncidentError.NotFound(key)), null);
        }
        DateTimeOffset now = time.GetStorableUtcNow();
        IncidentStatus before = incident.Status;
        (IncidentError? error, IncidentWake? changed) = await change(incident, now, reacting, cancellationToken);
        if (error is not null)
        {
            return (IncidentCommandResult.Failure(error), null);
        }
        IncidentWake? reaction = await reacting.ReactAsync(incident, before, by, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // One wake for the command's own due work and the automation's reaction to it, in that order, each work once.
        return (IncidentCommandResult.Success(incident), new IncidentWake([.. (changed?.Work ?? []).Concat(reaction?.Work ?? []).Distinct()]));
    }
}
