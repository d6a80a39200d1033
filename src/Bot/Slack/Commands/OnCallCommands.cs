using System.Text;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Core.OnCall;

namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>The <c>/incident</c> verb about people on call: who is on call now, and who is next from when, in one schedule or in all.</summary>
internal sealed class OnCallCommands(OnCallRoster roster, TimeProvider time)
{
    public static readonly CommandVerb Show = CommandVerb.For<OnCallCommands>(
        "oncall", "oncall [schedule]", "shows who is on call now and who is next", IncidentArgument.None,
        (commands, request, _) => Task.FromResult<SlackReply?>(new SlackReply(commands.Render(request.Arguments.Next()))))
        .AlsoCalled("on-call").OnlyReading();

    private string Render(string? scheduleName)
    {
        if (roster.ScheduleNames.Count == 0)
        {
            return "No on-call schedules are configured (settings `OnCall:Schedules`).";
        }
        List<string> names = [.. roster.ScheduleNames.Order(StringComparer.OrdinalIgnoreCase)];
        if (scheduleName is not null)
        {
            string plain = SlackCommandText.ToPlainText(scheduleName);
            if (roster.Find(plain) is null)
            {
                return $"There is no schedule “{Mrkdwn.Escape(BlockKitText.Ellipsize(plain, 40))}”. Schedules: {string.Join(", ", names.Select(Mrkdwn.Escape))}.";
            }
            names = [names.First(name => string.Equals(name, plain, StringComparison.OrdinalIgnoreCase))];
        }
        DateTimeOffset now = time.GetUtcNow();
        var text = new StringBuilder("*On call*");
        foreach (string name in names)
        {
            OnCallSchedule schedule = roster.Find(name)!;
            text.Append("\n• *").Append(Mrkdwn.Escape(name)).Append("*: ").Append(People(OnCallCalculator.WhoIsOnCall(schedule, now)));
            if (OnCallCalculator.Next(schedule, now) is { } next)
            {
                text.Append(" · next ").Append(People(next.Users)).Append(" from ").Append(Mrkdwn.Date(next.From));
            }
        }
        return Mrkdwn.Truncate(text.ToString(), BlockKitLimits.MessageText);
    }

    private static string People(IReadOnlyList<string> users) => users.Count == 0 ? "nobody" : string.Join(", ", users.Select(Mrkdwn.User));
}
