namespace ChatOpsIncidents.Bot.Slack.BlockKit;

/// <summary>Length limits applied to plain strings: texts get an ellipsis, identifiers are cut.</summary>
internal static class BlockKitText
{
    public const string Ellipsis = "…";

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="maxLength"/> characters, ending in "…" when cut.</summary>
    public static string Ellipsize(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }
        return text[..SafeCut(text, maxLength - Ellipsis.Length)].TrimEnd() + Ellipsis;
    }

    /// <summary>Cuts an identifier or value to at most <paramref name="maxLength"/> characters, without an ellipsis.</summary>
    public static string Cut(string text, int maxLength) => text.Length <= maxLength ? text : text[..SafeCut(text, maxLength)];

    /// <summary>The largest length not above <paramref name="length"/> that does not split a surrogate pair.</summary>
    public static int SafeCut(string text, int length)
    {
        int cut = Math.Clamp(length, 0, text.Length);
        return cut > 0 && cut < text.Length && char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut;
    }
}
