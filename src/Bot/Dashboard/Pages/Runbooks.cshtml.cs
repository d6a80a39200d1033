using ChatOpsIncidents.Runbooks.Definitions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary><c>/runbooks</c>: the runbooks the bot loaded, what starts them, their steps and their written procedures.</summary>
public sealed class RunbooksModel(RunbookCatalog catalog) : PageModel
{
    public IReadOnlyList<Runbook> Runbooks => catalog.All;

    /// <summary>A runbook's procedure (the Markdown after its front matter) as HTML, safe to write as it is.</summary>
    public static string Procedure(Runbook runbook) => SafeMarkdown.Render(runbook.Body);
}
