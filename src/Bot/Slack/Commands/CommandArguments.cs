namespace ChatOpsIncidents.Bot.Slack.Commands;

/// <summary>
/// Reads a slash command's text a word at a time and hands out the rest verbatim. A Slack entity such as
/// <c>&lt;@U123|Dana Smith&gt;</c> is one word even when it holds spaces.
/// </summary>
internal sealed class CommandArguments(string text)
{
    /// <summary>What has not been read yet, without surrounding white space.</summary>
    public string Rest { get; private set; } = text.Trim();

    public bool IsEmpty => Rest.Length == 0;

    /// <summary>True when at least two words are left.</summary>
    public bool HasSeveral => Rest.Length > 0 && WordLength(Rest) < Rest.Length;

    public string? Peek() => IsEmpty ? null : Rest[..WordLength(Rest)];

    public string? Next()
    {
        if (IsEmpty)
        {
            return null;
        }
        int length = WordLength(Rest);
        string word = Rest[..length];
        Rest = Rest[length..].TrimStart();
        return word;
    }

    private static int WordLength(string text)
    {
        if (text[0] == '<' && text.IndexOf('>', StringComparison.Ordinal) is > 0 and int close)
        {
            return close + 1;
        }
        int space = text.AsSpan().IndexOfAny(" \t\r\n\u00a0");
        return space < 0 ? text.Length : space;
    }
}
