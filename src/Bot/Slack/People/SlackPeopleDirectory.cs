using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slack.People;

/// <summary>
/// People's names from Slack (<c>users.info</c>: the real name, else the user name), kept for an hour so that rendering a
/// postmortem or an incident over and over costs Slack nothing. With Slack off, or when Slack cannot tell, a person keeps their id.
/// People by email: <see cref="SlackUsersByEmail"/>.
/// </summary>
internal sealed partial class SlackPeopleDirectory(
    ISlackApi slack, SlackUsersByEmail usersByEmail, IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackPeopleDirectory> logger)
    : IPeopleDirectory
{
    private static readonly TimeSpan s_kept = TimeSpan.FromHours(1);

    /// <summary>Bounds the calls one question makes; the rest keep their ids until a later question.</summary>
    private const int MaxLookedUpAtOnce = 20;

    private readonly KeptAnswers<string> _names = new(capacity: 10_000, StringComparer.Ordinal);

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IReadOnlyCollection<string> personIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!options.Value.Enabled)
        {
            return names;
        }
        DateTimeOffset now = time.GetUtcNow();
        int lookedUp = 0;
        foreach (string id in personIds.Where(Mrkdwn.IsUserId).Distinct(StringComparer.Ordinal))
        {
            if (_names.TryGet(id, now, out string? kept))
            {
                names[id] = kept;
            }
            else if (lookedUp++ < MaxLookedUpAtOnce && await LookUpAsync(id, cancellationToken) is { } name)
            {
                _names.Keep(id, name, now + s_kept);
                names[id] = name;
            }
        }
        return names;
    }

    public Task<PersonMatch> FindByEmailAsync(string email, CancellationToken cancellationToken) => usersByEmail.FindAsync(email, cancellationToken);

    private async Task<string?> LookUpAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            SlackUser user = await slack.GetUserAsync(id, cancellationToken);
            return string.IsNullOrWhiteSpace(user.RealName) ? user.Name : user.RealName;
        }
        catch (SlackApiException exception)
        {
            LogUnknown(logger, id, exception.Error);
            return null;
        }
    }

    [LoggerMessage(EventId = 2290, Level = LogLevel.Warning, Message = "Slack could not name user {User}: {Error}; shown by id")]
    private static partial void LogUnknown(ILogger logger, string user, string error);
}
