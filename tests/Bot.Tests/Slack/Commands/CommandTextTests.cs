using ChatOpsIncidents.Bot.Slack.Commands;

namespace ChatOpsIncidents.Bot.Tests.Slack.Commands;

public sealed class CommandTextTests
{
    [Theory]
    [InlineData("<@U0ALICE01|alice>", "U0ALICE01")]
    [InlineData("<@U0ALICE01>", "U0ALICE01")]
    [InlineData("<@W0ENTERPRISE1|Alice Example>", "W0ENTERPRISE1")]
    [InlineData("U0ALICE01", "U0ALICE01")]
    [InlineData("me", "U0ONCALL1")]
    [InlineData("ME", "U0ONCALL1")]
    public void A_person_is_read_from_an_escaped_mention_a_user_id_or_me(string word, string expected)
    {
        Assert.True(SlackUserMention.TryParse(word, "U0ONCALL1", out string? user));
        Assert.Equal(expected, user);
    }

    [Theory]
    [InlineData("@alice")]
    [InlineData("alice")]
    [InlineData("<#C0OPS|ops>")]
    [InlineData("<!here>")]
    [InlineData("u0alice01")]
    [InlineData(null)]
    public void A_name_only_Slack_could_resolve_is_not_a_person(string? word) =>
        Assert.False(SlackUserMention.TryParse(word, "U0ONCALL1", out _));

    [Theory]
    [InlineData("latency &gt; 2s &amp; rising", "latency > 2s & rising")]
    [InlineData("paged <@U0ALICE01|alice> and <@U0BOB0001>", "paged @alice and @U0BOB0001")]
    [InlineData("see <#C0OPS0001|ops-alerts>", "see #ops-alerts")]
    [InlineData("<!here> rolled back", "@here rolled back")]
    [InlineData("dashboard <https://grafana.example/d/1|latency>", "dashboard latency (https://grafana.example/d/1)")]
    [InlineData("<http://example.com|example.com> is down", "example.com is down")]
    [InlineData("<https://example.com/x>", "https://example.com/x")]
    [InlineData("  &amp;lt; stays literal  ", "&lt; stays literal")]
    public void Slack_escaped_text_becomes_the_plain_text_people_meant(string escaped, string plain) =>
        Assert.Equal(plain, SlackCommandText.ToPlainText(escaped));

    [Fact]
    public void Words_are_read_one_at_a_time_with_mentions_whole_and_the_rest_verbatim()
    {
        var arguments = new CommandArguments("  assign   INC-4 <@U0ALICE01|Alice Example>  because  she knows ");

        Assert.Equal("assign", arguments.Next());
        Assert.True(arguments.HasSeveral);
        Assert.Equal("INC-4", arguments.Next());
        Assert.Equal("<@U0ALICE01|Alice Example>", arguments.Peek());
        Assert.Equal("<@U0ALICE01|Alice Example>", arguments.Next());
        Assert.Equal("because  she knows", arguments.Rest);
        Assert.Equal("because", arguments.Next());
        Assert.Equal("she", arguments.Next());
        Assert.False(arguments.HasSeveral);
        Assert.Equal("knows", arguments.Next());
        Assert.True(arguments.IsEmpty);
        Assert.Null(arguments.Next());
    }
}
