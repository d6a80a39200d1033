using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Tests.Slack.BlockKit;

public sealed class MrkdwnTests
{
    [Fact]
    public void Escape_replaces_only_ampersand_and_angle_brackets()
    {
        Assert.Equal("Tom &amp; Jerry &lt;b&gt; 'quoted' \"double\" *bold* &amp;amp;", Mrkdwn.Escape("Tom & Jerry <b> 'quoted' \"double\" *bold* &amp;"));
    }

    [Fact]
    public void Escape_turns_pings_mentions_and_links_into_text()
    {
        Assert.Equal(
            "&lt;!channel&gt; &lt;!here&gt; &lt;@U0ONCALL1&gt; &lt;https://evil.example|click&gt;",
            Mrkdwn.Escape("<!channel> <!here> <@U0ONCALL1> <https://evil.example|click>"));
    }

    [Fact]
    public void Truncate_leaves_text_within_the_limit_alone()
    {
        Assert.Equal("short", Mrkdwn.Truncate("short", 5));
    }

    [Fact]
    public void Truncate_ends_in_an_ellipsis_within_the_limit()
    {
        string truncated = Mrkdwn.Truncate(new string('a', 100), 10);

        Assert.Equal("aaaaaaaaa…", truncated);
    }

    [Fact]
    public void Truncate_never_cuts_through_an_entity()
    {
        // 0123456789: the cut after 9 characters would keep "abcdef&am".
        Assert.Equal("abcdef…", Mrkdwn.Truncate("abcdef&amp;ghijk", 10));
        Assert.Equal("abcd&amp;…", Mrkdwn.Truncate("abcd&amp;ghijklm", 10));
    }

    [Fact]
    public void Truncate_never_cuts_through_a_link_mention_or_date()
    {
        Assert.Equal("see…", Mrkdwn.Truncate("see <https://example.com/a/long/path|the dashboard> now", 30));
        Assert.Equal("by <@U0ONCALL1> at…", Mrkdwn.Truncate("by <@U0ONCALL1> at <!date^1772442847^{time}|09:14>", 30));
    }

    [Fact]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        string truncated = Mrkdwn.Truncate("ab🔥🔥🔥", 4); // each 🔥 is two UTF-16 characters

        Assert.Equal("ab…", truncated);
    }

    [Theory]
    [InlineData("https://grafana.example/d/abc?var=1&x=2", "<https://grafana.example/d/abc?var=1&amp;x=2|Dashboard &lt;prod&gt;>")]
    [InlineData("http://prometheus.example:9090/graph?g0.expr=up{job=\"a|b\"}", "<http://prometheus.example:9090/graph?g0.expr=up%7Bjob=%22a%7Cb%22%7D|Dashboard &lt;prod&gt;>")]
    public void Link_wraps_http_urls_with_the_text_escaped(string url, string expected)
    {
        Assert.Equal(expected, Mrkdwn.Link(url, "Dashboard <prod>"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("javascript:alert(1)")]
    [InlineData("slack://channel?id=C1")]
    [InlineData("/relative/path")]
    [InlineData("ftp://files.example/x")]
    public void Link_to_anything_but_an_absolute_http_url_is_just_the_escaped_text(string? url)
    {
        Assert.Equal("Source &amp; more", Mrkdwn.Link(url, "Source & more"));
    }

    [Fact]
    public void User_mentions_a_slack_user_id()
    {
        Assert.Equal("<@U0ONCALL1>", Mrkdwn.User("U0ONCALL1"));
        Assert.Equal("<@W0ENTERPRISE1>", Mrkdwn.User("W0ENTERPRISE1"));
    }

    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("U1><!channel", "U1&gt;&lt;!channel")]
    [InlineData("u0oncall1", "u0oncall1")]
    public void User_shows_anything_but_a_user_id_as_escaped_text(string user, string expected)
    {
        Assert.Equal(expected, Mrkdwn.User(user));
    }

    [Fact]
    public void Channel_links_a_channel_id_and_escapes_anything_else()
    {
        Assert.Equal("<#C0INC0042>", Mrkdwn.Channel("C0INC0042"));
        Assert.Equal("#incidents&lt;!here&gt;", Mrkdwn.Channel("#incidents<!here>"));
    }

    [Fact]
    public void Date_is_localized_by_slack_with_a_utc_fallback()
    {
        var at = new DateTimeOffset(2026, 3, 2, 10, 14, 7, TimeSpan.FromHours(1));

        Assert.Equal("<!date^1772442847^{date_short_pretty} {time}|2026-03-02 09:14 UTC>", Mrkdwn.Date(at));
    }
}
