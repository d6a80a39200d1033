using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.People;

/// <summary>
/// The Slack member with an email address (<c>users.lookupByEmail</c>), for a person signed in to the dashboard with another
/// provider. Slack gets <see cref="Patience"/> to answer, and is not asked while its rate limit would hold the call back longer,
/// so a page never waits on Slack for long. Answers are kept per address: a member for <see cref="KeptFound"/>, none (or no
/// answer) for <see cref="KeptMissing"/>; at most <see cref="MaxKept"/> addresses.
/// </summary>
internal sealed partial class SlackUsersByEmail(
    ISlackApi slack, SlackRateLimiter limiter, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackUsersByEmail> logger)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan KeptFound = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan KeptMissing = TimeSpan.FromMinutes(1);
    public const int MaxKept = 10_000;

    private readonly KeptAnswers<PersonMatch> _kept = new(MaxKept, StringComparer.OrdinalIgnoreCase);

    public async Task<PersonMatch> FindAsync(string email, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return PersonMatch.None("Slack is off (Slack:BotToken)");
        }
        DateTimeOffset now = time.GetUtcNow();
        if (_kept.TryGet(email, now, out PersonMatch? kept))
        {
            return kept;
        }
        if (limiter.WaitFor(SlackMethod.LookUpUserByEmail) > Patience)
        {
            return PersonMatch.None("Slack's rate limit holds lookups back for now: try again in a minute");
        }
        PersonMatch match = await LookUpAsync(email, cancellationToken);
        _kept.Keep(email, match, now + (match.PersonId is null ? KeptMissing : KeptFound));
        return match;
    }

    private async Task<PersonMatch> LookUpAsync(string email, CancellationToken cancellationToken)
    {
        using var patience = new CancellationTokenSource(Patience, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, patience.Token);
        try
        {
            SlackUser user = await slack.LookUpUserByEmailAsync(email, linked.Token);
            return user is { Deleted: false, IsBot: false }
                ? PersonMatch.Found(user.Id)
                : PersonMatch.None($"the Slack account with the email {email} is deactivated");
        }
        catch (SlackApiException failure) when (failure.Error == "users_not_found")
        {
            return PersonMatch.None($"Slack has no member with the email {email}");
        }
        catch (SlackApiException failure)
        {
            LogFailed(logger, failure.Error);
            return PersonMatch.None($"Slack could not be asked ({failure.Error}): try again in a minute");
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, "timeout");
            return PersonMatch.None("Slack did not answer in time: try again in a minute");
        }
    }

    // The address stays out of the log: the failure is Slack's, and the address is the person's.
    [LoggerMessage(EventId = 2291, Level = LogLevel.Warning,
        Message = "Slack users.lookupByEmail failed with {Error}: a person signed in to the dashboard goes without their Slack user for a minute")]
    private static partial void LogFailed(ILogger logger, string error);
}
