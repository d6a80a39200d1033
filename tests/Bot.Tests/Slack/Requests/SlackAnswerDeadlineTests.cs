using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slack.Requests;

public sealed class SlackAnswerDeadlineTests
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_budget_leaves_a_second_of_Slacks_three() => Assert.Equal(TimeSpan.FromSeconds(2), SlackAnswerDeadline.Budget);

    [Fact]
    public async Task Work_that_finishes_within_the_budget_is_answered_inline()
    {
        var work = new TaskCompletionSource();
        Task<bool> waiting = SlackAnswerDeadline.IsDoneWithinAsync(work.Task, SlackAnswerDeadline.Budget, _time, Ct);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        work.SetResult();

        Assert.True(await waiting);
    }

    [Fact]
    public async Task Work_still_running_when_the_budget_is_spent_is_left_to_the_background()
    {
        var work = new TaskCompletionSource();
        Task<bool> waiting = SlackAnswerDeadline.IsDoneWithinAsync(work.Task, SlackAnswerDeadline.Budget, _time, Ct);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.False(await waiting);
        Assert.False(work.Task.IsCompleted);
    }

    [Fact]
    public async Task Failed_work_counts_as_done_and_its_exception_is_left_to_the_caller()
    {
        Task work = Task.FromException(new InvalidOperationException("boom"));

        Assert.True(await SlackAnswerDeadline.IsDoneWithinAsync(work, SlackAnswerDeadline.Budget, _time, Ct));
    }
}
