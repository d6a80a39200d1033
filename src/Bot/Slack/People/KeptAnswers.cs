using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ChatOpsIncidents.Bot.Slack.People;

/// <summary>
/// Slack's answers about people, each kept until a time so that asking again costs Slack nothing. At most
/// <paramref name="capacity"/> are kept: when full, all are forgotten at once (they are asked again when needed).
/// </summary>
internal sealed class KeptAnswers<TAnswer>(int capacity, IEqualityComparer<string> keys)
{
    private readonly ConcurrentDictionary<string, (TAnswer Answer, DateTimeOffset Until)> _kept = new(keys);

    public bool TryGet(string key, DateTimeOffset now, [MaybeNullWhen(false)] out TAnswer answer)
    {
        if (_kept.TryGetValue(key, out (TAnswer Answer, DateTimeOffset Until) kept) && now < kept.Until)
        {
            answer = kept.Answer;
            return true;
        }
        answer = default;
        return false;
    }

    public void Keep(string key, TAnswer answer, DateTimeOffset until)
    {
        if (_kept.Count >= capacity)
        {
            _kept.Clear();
        }
        _kept[key] = (answer, until);
    }
}
