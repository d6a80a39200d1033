using System.Text;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// Incident data written into a Markdown document as literal text: whatever an alert or a person typed cannot start a
/// heading, list, quote or table cell, or become a link, an image, an autolink, HTML or emphasis. Line breaks become spaces
/// (the value stays on its line); the characters Markdown gives a meaning are escaped with a backslash, so a renderer shows
/// them as typed and a person editing the draft still reads plain text.
/// </summary>
public static class MarkdownText
{
    /// <summary>Escaped wherever they are: emphasis, code, links and images, HTML and entities, headings, tables, strikethrough.</summary>
    private const string AlwaysEscaped = "\\`*_[]<>#|~&";

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        int start = text.Length - text.AsSpan().TrimStart(' ').Length;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                escaped.Append(' ');
                continue;
            }
            if (AlwaysEscaped.Contains(c, StringComparison.Ordinal) || StartsBlock(text, start, i) || MakesAutolink(text, i))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>
    /// Where the value begins a line: a list item, thematic break or setext underline ("-", "+", "="), or an ordered list
    /// item ("12. " or "12) ").
    /// </summary>
    private static bool StartsBlock(string text, int start, int i) => i == start
        ? text[i] is '-' or '+' or '='
        : text[i] is '.' or ')' && (i + 1 == text.Length || text[i + 1] == ' ') && !text.AsSpan(start, i - start).ContainsAnyExceptInRange('0', '9');

    /// <summary>The first "/" of "://" and the "." of "www.", from which GitHub's Markdown makes links.</summary>
    private static bool MakesAutolink(string text, int i) => text[i] switch
    {
        '/' => i >= 1 && text[i - 1] == ':' && i + 1 < text.Length && text[i + 1] == '/',
        '.' => i >= 3 && text.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase) && (i == 3 || !char.IsLetterOrDigit(text[i - 4])),
        _ => false,
    };
}
