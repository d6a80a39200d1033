using System.Globalization;
using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Core.FollowUps;

/// <summary>
/// Follow-up issues as due work: creates each follow-up's issue in the tracker, then reads its state on a schedule until it is
/// closed. A firing holds the follow-up for <see cref="FollowUp.AttemptLease"/> in its own transaction, so of several replicas
/// woken at once one calls the tracker; the call runs outside any transaction, and its outcome is written only while the
/// follow-up is still held by this attempt. A bot stopped between the tracker's answer and that write tries again when the
/// hold ends: at least once.
/// </summary>
internal sealed partial class FollowUpIssues(IncidentsDbContext db, IFollowUpTracker tracker, TimeProvider time, ILogger<FollowUpIssues> logger)
    : DueWorkKind<FollowUp>(KindName, db)
{
    public const string KindName = "follow-up-issues";

    protected override string KeyOf(FollowUp followUp) => followUp.Id.ToString(CultureInfo.InvariantCulture);

    protected override Task<FollowUp?> FindAsync(string key, CancellationToken cancellationToken) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? Db.FollowUps.Include(f => f.Incident).SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
            : Task.FromResult<FollowUp?>(null);

    protected override void Fire(FollowUp followUp, DateTimeOffset dueAt, DateTimeOffset now) => followUp.Attempting(now);

    protected override async Task<FollowUp?> FollowThroughAsync(FollowUp fired, CancellationToken cancellationToken)
    {
        long id = fired.Id;
        DateTimeOffset? held = fired.DueAt;
        Action<FollowUp, DateTimeOffset> outcome;
        try
        {
            outcome = await CallAsync(fired, cancellationToken);
        }
        catch (FollowUpTrackerException exception)
        {
            LogCallFailed(logger, fired.Tracker, id, exception.IsPermanent, exception.Message);
            outcome = exception.IsPermanent
                ? (f, now) => f.Refused(exception.Message, now)
                : (f, now) => f.Failed(exception.Message, exception.RetryAfter, now);
        }
        return await Db.WriteAsync(
            async token =>
            {
                FollowUp? followUp = await FindAsync(KeyOf(fired), token);
                if (followUp is null || followUp.DueAt != held)
                {
                    return null; // held by another attempt since: its outcome stands
                }
                outcome(followUp, time.GetStorableUtcNow());
                await Db.SaveChangesAsync(token);
                return followUp;
            },
            cancellationToken);
    }

    private async Task<Action<FollowUp, DateTimeOffset>> CallAsync(FollowUp followUp, CancellationToken cancellationToken)
    {
        if (tracker.Name is null)
        {
            return (f, now) => f.Refused("no tracker is configured in Postmortems:FollowUps any more", now);
        }
        if (followUp.IssueKey is { } key)
        {
            bool closed = await tracker.IsClosedAsync(key, cancellationToken);
            return (f, now) => f.Read(closed, now);
        }
        TrackedIssue issue = await tracker.CreateAsync(
            new FollowUpIssue(followUp.Text, followUp.Incident.Key, followUp.Incident.Title, followUp.Owner), cancellationToken);
        LogCreated(logger, followUp.Tracker, followUp.Id, issue.Url);
        return (f, now) => f.Created(issue, now);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Follow-up {FollowUp} is tracked in {Tracker} as {Url}")]
    private static partial void LogCreated(ILogger logger, string tracker, long followUp, string url);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "{Tracker} failed for follow-up {FollowUp} (permanent: {Permanent}): {Error}")]
    private static partial void LogCallFailed(ILogger logger, string tracker, long followUp, bool permanent, string error);
}
