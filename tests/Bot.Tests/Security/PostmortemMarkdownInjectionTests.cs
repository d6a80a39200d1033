using System.Net;
using System.Net.Http.Headers;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 7: an alert summary with a newline, "# INJECTED HEADING", a phishing link, a tracking image and
/// &lt;script&gt; came out verbatim in the postmortem draft served by the API and uploaded to Slack.
/// </summary>
public sealed class PostmortemMarkdownInjectionTests
{
    private const string Token = "markdown-injection-token";
    private const string Heading = "# INJECTED HEADING";
    private const string Phishing = "[Reset your password](https://evil.example/reset)";
    private const string Tracker = "![](https://tracker.example/pixel.gif?incident=1)";
    private const string Script = "<script>alert(document.cookie)</script>";

    private static readonly MarkdownPipeline s_gitHubLike = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Fact]
    public async Task An_alert_summary_full_of_Markdown_renders_as_literal_text_in_the_draft_and_the_templates_own_Markdown_stays()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using var bot = new BotHost(new() { ["Alertmanager:BearerToken"] = Token, ["Api:Tokens:ci"] = Token });
        string summary = $"Disk full\n{Heading}\n{Phishing} {Tracker} {Script}";
        string webhook = Payloads.OneAlert(
            "{}:{alertname=\"DiskFull\"}",
            new Dictionary<string, string> { ["alertname"] = "DiskFull", ["service"] = "storage", ["severity"] = "critical" },
            new Dictionary<string, string> { ["summary"] = summary });
        Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(webhook, Token)).StatusCode);
        HttpClient client = bot.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        string draft = await client.GetStringAsync("/api/incidents/INC-1/postmortem", ct);

        MarkdownDocument document = Markdown.Parse(draft, s_gitHubLike);
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<AutolinkInline>());
        Assert.Empty(document.Descendants<HtmlInline>());
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.DoesNotContain(document.Descendants<HeadingBlock>(), heading => Text(heading).StartsWith("INJECTED", StringComparison.Ordinal));
        string shown = Markdown.ToPlainText(draft, s_gitHubLike);
        Assert.Contains($"Disk full {Heading} {Phishing} {Tracker} {Script}", shown, StringComparison.Ordinal);
        Assert.Contains(document.Descendants<HeadingBlock>(), heading => Text(heading) == "Alerts");
        Assert.Contains(document.Descendants<ListItemBlock>(), item => item.Descendants<LiteralInline>().Any(l => l.Content.ToString().StartsWith("DiskFull (firing)", StringComparison.Ordinal)));
    }

    private static string Text(HeadingBlock heading) => string.Concat(heading.Inline?.Descendants<LiteralInline>().Select(literal => literal.Content.ToString()) ?? []);
}
