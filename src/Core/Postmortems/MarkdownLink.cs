namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// A link the postmortem template writes as a Markdown link rather than as escaped text: its text escaped as any value, its
/// address only when it is an absolute http or https URL (else the text alone), with the parentheses that would end the link
/// percent-encoded.
/// </summary>
public sealed record MarkdownLink(string Text, string Url)
{
    public string ToMarkdown() =>
        Uri.TryCreate(Url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? $"[{MarkdownText.Escape(Text)}]({uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)})"
            : MarkdownText.Escape(Text);
}
