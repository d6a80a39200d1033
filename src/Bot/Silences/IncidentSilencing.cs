using System.Globalization;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Silences;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Silences;

/// <summary>
/// Silences an incident's alerts in Alertmanager (the alert group's common labels as equality matchers) and lifts the silence
/// again. Alertmanager is asked first and the incident records what it did: a failure leaves nothing recorded, and a silence
/// the incident then refuses to record (resolved, silenced meanwhile) is expired again. Answers are plain text for a person.
/// </summary>
internal sealed partial class IncidentSilencing(
    AlertmanagerSilenceClient alertmanager,
    IOptions<AlertmanagerApiOptions> options,
    IncidentService incidents,
    IncidentQueries queries,
    SilenceQueries silences,
    TimeProvider time,
    ILogger<IncidentSilencing> logger)
{
    public const string NotConfigured = "Alertmanager is not configured (Alertmanager:Urls), so the bot cannot silence alerts.";

    /// <summary>How many resolved incidents' silences one <see cref="LiftResolvedAsync"/> lifts.</summary>
    private const int LiftBatch = 50;

    /// <summary>The silence <see cref="SilenceAsync"/> would make now, or why it would make none.</summary>
    public async Task<SilencePlan> PlanAsync(IncidentKey key, SilenceLength length, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            return SilencePlan.Refused(NotConfigured);
        }
        DateTimeOffset now = time.GetUtcNow();
        return await queries.FindAsync(key, cancellationToken) switch
        {
            null => SilencePlan.Refused(IncidentError.NotFound(key).Message),
            { IsOpen: false } => SilencePlan.Refused($"{key} is resolved: its alerts are not silenced any more."),
            { } incident when incident.SilenceInForce(now) is { } silence => SilencePlan.Refused(string.Create(CultureInfo.InvariantCulture,
                $"{key} is already silenced until {incident.SilencedUntil:yyyy-MM-dd HH:mm} UTC (silence {silence}); lift it with /incident unsilence {key} first.")),
            { CommonLabels.Count: 0 } => SilencePlan.Refused($"{key} has no alert group whose labels a silence could match (it was declared by hand)."),
            { } incident => new SilencePlan(
                [.. incident.CommonLabels.OrderBy(label => label.Key, StringComparer.Ordinal).Select(label => new SilenceMatcher(label.Key, label.Value))],
                now + length.Duration,
                Refusal: null),
        };
    }

    /// <summary>Makes the silence of <see cref="PlanAsync"/>, created by <paramref name="by"/>'s name, and records it on the incident.</summary>
    public async Task<SilenceOutcome> SilenceAsync(IncidentKey key, SilenceLength length, string? reason, Actor by, CancellationToken cancellationToken)
    {
        SilencePlan plan = await PlanAsync(key, length, cancellationToken);
        if (plan.Refusal is { } refusal)
        {
            return SilenceOutcome.Refused(refusal);
        }
        string comment = string.IsNullOrWhiteSpace(reason) ? key.ToString() : $"{key}: {reason.Trim()}";
        string silenceId;
        try
        {
            silenceId = await alertmanager.CreateAsync(new PostableSilence(plan.Matchers, time.GetUtcNow(), plan.EndsAt, by.DisplayName, comment), cancellationToken);
        }
        catch (AlertmanagerApiException exception)
        {
            LogFailed(logger, exception, key);
            return SilenceOutcome.Refused($"Nothing was silenced: {exception.Message}");
        }
        IncidentCommandResult recorded;
        try
        {
            recorded = await incidents.RecordSilenceAsync(key, silenceId, plan.EndsAt, length.UntilResolved, reason, by, cancellationToken);
        }
        catch
        {
            await ExpireUnrecordedAsync(key, silenceId);
            throw;
        }
        if (!recorded.Succeeded)
        {
            await ExpireUnrecordedAsync(key, silenceId);
            return SilenceOutcome.Refused($"Nothing was silenced: {recorded.Error.Message}");
        }
        LogSilenced(logger, key, silenceId, by.Id);
        return new SilenceOutcome(null, silenceId, plan.EndsAt);
    }

    /// <summary>Expires the incident's silence in Alertmanager, then records that <paramref name="by"/> lifted it.</summary>
    public async Task<SilenceOutcome> UnsilenceAsync(IncidentKey key, Actor by, CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            return SilenceOutcome.Refused(NotConfigured);
        }
        if (await queries.FindAsync(key, cancellationToken) is not { } incident)
        {
            return SilenceOutcome.Refused(IncidentError.NotFound(key).Message);
        }
        if (incident.SilenceId is not { } silenceId)
        {
            return SilenceOutcome.Refused($"{key} has no silence to lift.");
        }
        try
        {
            await alertmanager.ExpireAsync(silenceId, cancellationToken);
        }
        catch (AlertmanagerApiException exception)
        {
            LogFailed(logger, exception, key);
            return SilenceOutcome.Refused($"The silence {silenceId} still holds: {exception.Message}");
        }
        IncidentCommandResult recorded = await incidents.RecordSilenceLiftedAsync(key, silenceId, $"lifted by {by.DisplayName}", by, cancellationToken);
        return recorded.Succeeded ? new SilenceOutcome(null, silenceId, null) : SilenceOutcome.Refused(recorded.Error.Message);
    }

    /// <summary>Lifts the silences made "until resolved" of the incidents that resolved; one Alertmanager cannot take is tried again next time.</summary>
    public async Task LiftResolvedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured)
        {
            return;
        }
        foreach ((IncidentKey key, string silenceId) in await silences.ToLiftAsync(LiftBatch, cancellationToken))
        {
            try
            {
                await alertmanager.ExpireAsync(silenceId, cancellationToken);
            }
            catch (AlertmanagerApiException exception)
            {
                LogFailed(logger, exception, key);
                continue;
            }
            await incidents.RecordSilenceLiftedAsync(key, silenceId, "the incident resolved", Actor.System, cancellationToken);
        }
    }

    /// <summary>A silence the incident did not record would hold back alerts nobody knows of: expire it, or say so in the log.</summary>
    private async Task ExpireUnrecordedAsync(IncidentKey key, string silenceId)
    {
        try
        {
            using var limit = new CancellationTokenSource(options.Value.ApiTimeout * Math.Max(1, options.Value.Urls.Count));
            await alertmanager.ExpireAsync(silenceId, limit.Token);
        }
        catch (Exception exception) when (exception is AlertmanagerApiException or OperationCanceledException)
        {
            LogUnrecordedKept(logger, exception, silenceId, key);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Silenced the alerts of {Incident} in Alertmanager (silence {Silence}) for Slack user {User}")]
    private static partial void LogSilenced(ILogger logger, IncidentKey incident, string silence, string user);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Alertmanager did not do what {Incident} needed of its silence")]
    private static partial void LogFailed(ILogger logger, Exception exception, IncidentKey incident);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Error,
        Message = "The silence {Silence} made for {Incident} was not recorded and could not be expired: expire it in Alertmanager")]
    private static partial void LogUnrecordedKept(ILogger logger, Exception exception, string silence, IncidentKey incident);
}
