namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>
/// Slack shows an error unless it has an answer within 3 s. Work gets <see cref="Budget"/>; what takes longer is answered
/// with a placeholder and finished in the background (reply through <c>response_url</c>).
/// </summary>
internal static class SlackAnswerDeadline
{
    /// <summary>Leaves a second of Slack's three for the network and for writing the answer.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// True when <paramref name="work"/> completed (successfully or not) within <paramref name="budget"/> on <paramref name="time"/>;
    /// false when the budget ran out or <paramref name="cancellationToken"/> fired first. Never throws the work's exception.
    /// </summary>
    public static async Task<bool> IsDoneWithinAsync(Task work, TimeSpan budget, TimeProvider time, CancellationToken cancellationToken)
    {
        if (work.IsCompleted)
        {
            return true;
        }
        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task expiry = Task.Delay(budget, time, stopWaiting.Token);
        Task first = await Task.WhenAny(work, expiry);
        await stopWaiting.CancelAsync(); // disposes the timer when the work won
        return first == work;
    }
}
