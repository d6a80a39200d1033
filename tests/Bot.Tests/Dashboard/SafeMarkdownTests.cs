using ChatOpsIncidents.Bot.Dashboard;

namespace ChatOpsIncidents.Bot.Tests.Dashboard;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void Raw_html_in_a_draft_is_shown_as_text()
    {
        string html = SafeMarkdown.Render("Summary: <script>alert(1)</script> <img src=x onerror=alert(2)>");

        Assert.Equal("<p>Summary: &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</p>\n", html);
    }

    [Fact]
    public void Links_other_than_http_and_https_lead_nowhere_and_web_links_stay()
    {
        string html = SafeMarkdown.Render("[a](javascript:alert(1)) [b](data:text/html,x) <javascript:alert(3)> [c](https://grafana.example/d/1)");

        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a href=\"https://grafana.example/d/1\">c</a>", html, StringComparison.Ordinal);
    }
}
