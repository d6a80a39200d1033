using ChatOpsIncidents.Core.Postmortems;

namespace ChatOpsIncidents.Core.Tests.Postmortems;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("Rolling back to v2.3.1 at 09:10", "Rolling back to v2.3.1 at 09:10")]
    [InlineData("checkout-api @UALICE 5 %", "checkout-api @UALICE 5 %")]
    [InlineData("line one\nline two\r\nthree\u2028four", "line one line two  three four")]
    [InlineData("# heading", "\\# heading")]
    [InlineData("- item", "\\- item")]
    [InlineData("  + item", "  \\+ item")]
    [InlineData("---", "\\---")]
    [InlineData("12. ordered", "12\\. ordered")]
    [InlineData("3) ordered", "3\\) ordered")]
    [InlineData("3.5x slower", "3.5x slower")]
    [InlineData("> quote", "\\> quote")]
    [InlineData("*bold* _it_ `code` ~~gone~~", "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~")]
    [InlineData("[click](https://evil.example)", "\\[click\\](https:\\//evil.example)")]
    [InlineData("![](http://t.example/p.gif)", "!\\[\\](http:\\//t.example/p.gif)")]
    [InlineData("see www.evil.example or https://x", "see www\\.evil.example or https:\\//x")]
    [InlineData("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>")]
    [InlineData("&lt;b&gt; a|b C:\\path", "\\&lt;b\\&gt; a\\|b C:\\\\path")]
    public void Escapes_what_Markdown_would_read_as_markup_and_leaves_plain_text_alone(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));
}
