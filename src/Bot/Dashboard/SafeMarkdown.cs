using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>Markdown from files and drafts as HTML: raw HTML in it shows as text, and links other than http(s) lead nowhere.</summary>
internal static class SafeMarkdown
{
    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseTaskLists().DisableHtml().Build();

    public static string Render(string markdown)
    {
        MarkdownDocument document = Markdown.Parse(markdown, s_pipeline);
        foreach (LinkInline link in document.Descendants<LinkInline>().Where(link => !SafeLink.IsWebUrl(link.Url)))
        {
            link.Url = "";
        }
        foreach (AutolinkInline link in document.Descendants<AutolinkInline>().Where(link => !link.IsEmail && !SafeLink.IsWebUrl(link.Url)))
        {
            link.Url = "";
        }
        return document.ToHtml(s_pipeline);
    }
}
