namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// The message a form's redirect leaves for the page it leads to, shown once by the layout: what was done, or why it was
/// refused. Kept in TempData (a cookie of its own).
/// </summary>
internal static class Flash
{
    public const string Done = "flash-done";
    public const string Refused = "flash-refused";
}
