namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// The message a form's redirect leaves for the page it leads to, shown once by the layout: what was done, or why it was
/// refused. Kept in TempData (a cookie of its own).
/// </summary>
internal static class Flash
{
    public const string Done = "flash-done";
    public const string Refused = "flash-refused";

    /// <summary>The header of live.js's fetch of the page for its live sections.</summary>
    public const string LiveRefreshHeader = "X-Live-Refresh";

    /// <summary>
    /// Whether the page may show (and so use up) the message: not in a live refresh, which only takes the live sections. The
    /// page a form was posted from refreshes when the form's own change commits, and may do so between the redirect and the
    /// page it leads to; reading the message then would leave that page without it.
    /// </summary>
    public static bool MayShowIn(HttpRequest request) => !request.Headers.ContainsKey(LiveRefreshHeader);
}
