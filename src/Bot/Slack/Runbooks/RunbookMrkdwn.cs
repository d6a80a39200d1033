using System.Text;
using ChatOpsIncidents.Bot.Slack.BlockKit;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Block = Markdig.Syntax.Block;

namespace ChatOpsIncidents.Bot.Slack.Runbooks;

/// <summary>
/// A runbook's Markdown procedure as Slack mrkdwn: headings and strong text bold, emphasis italic, lists as bullets or
/// numbers, code as code, links as <c>&lt;url|text&gt;</c> (http and https only). Text is escaped, so a runbook cannot ping
/// <c>@channel</c> or smuggle in a link.
/// </summary>
internal static class RunbookMrkdwn
{
    public static string Convert(string markdown)
    {
        MarkdownDocument document = Markdown.Parse(markdown);
        var text = new StringBuilder();
        foreach (Block block in document)
        {
            WriteBlock(text, block, indent: "");
        }
        return text.ToString().TrimEnd();
    }

    private static void WriteBlock(StringBuilder text, Block block, string indent)
    {
        switch (block)
        {
            case HeadingBlock heading:
                text.Append(indent).Append('*').Append(Inlines(heading.Inline).Trim()).Append("*\n");
                break;
            case ParagraphBlock paragraph:
                text.Append(indent).Append(Inlines(paragraph.Inline).Trim()).Append('\n').Append(indent.Length == 0 ? "\n" : "");
                break;
            case ListBlock list:
                int number = int.TryParse(list.OrderedStart, out int start) ? start : 1;
                foreach (ListItemBlock item in list.OfType<ListItemBlock>())
                {
                    string marker = list.IsOrdered ? $"{number++}. " : "• ";
                    var itemText = new StringBuilder();
                    foreach (Block child in item)
                    {
                        WriteBlock(itemText, child, indent + "    ");
                    }
                    text.Append(indent).Append(marker).Append(itemText.ToString().TrimStart()).Append(itemText.Length == 0 ? "\n" : "");
                }
                if (indent.Length == 0)
                {
                    text.Append('\n');
                }
                break;
            case CodeBlock code:
                text.Append(indent).Append("```\n").Append(Mrkdwn.Escape(code.Lines.ToString())).Append("\n```\n");
                break;
            case QuoteBlock quote:
                var quoted = new StringBuilder();
                foreach (Block child in quote)
                {
                    WriteBlock(quoted, child, "");
                }
                foreach (string line in quoted.ToString().TrimEnd().Split('\n'))
                {
                    text.Append(indent).Append("> ").Append(line).Append('\n');
                }
                break;
            case ThematicBreakBlock:
                text.Append("───\n");
                break;
            case LeafBlock leaf:
                text.Append(indent).Append(Mrkdwn.Escape(leaf.Lines.ToString())).Append('\n');
                break;
        }
    }

    private static string Inlines(ContainerInline? container)
    {
        var text = new StringBuilder();
        for (Inline? inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            text.Append(inline switch
            {
                LiteralInline literal => Mrkdwn.Escape(literal.Content.ToString()),
                CodeInline code => $"`{Mrkdwn.Escape(code.Content)}`",
                EmphasisInline { DelimiterCount: >= 2 } strong => $"*{Inlines(strong)}*",
                EmphasisInline emphasis => $"_{Inlines(emphasis)}_",
                LinkInline { IsImage: false } link => Mrkdwn.Link(link.Url, Plain(link)),
                AutolinkInline autolink => Mrkdwn.Link(autolink.Url, autolink.Url),
                LineBreakInline => "\n",
                ContainerInline other => Inlines(other),
                HtmlInline html => Mrkdwn.Escape(html.Tag),
                _ => "",
            });
        }
        return text.ToString();
    }

    private static string Plain(ContainerInline container)
    {
        var text = new StringBuilder();
        foreach (Inline inline in container.Descendants<LiteralInline>())
        {
            text.Append(inline is LiteralInline literal ? literal.Content.ToString() : "");
        }
        return text.ToString();
    }
}
