using System.Collections.ObjectModel;
using System.Globalization;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static ChatOpsIncidents.Bot.Api.QueryParameters;

namespace ChatOpsIncidents.Bot.Dashboard.Pages;

/// <summary>
/// <c>/</c>: incidents newest first, the open ones unless the status filter says otherwise, 50 a page. Every filter is a query
/// parameter, so a filtered list can be bookmarked and shared; a value that does not parse is named and left out.
/// </summary>
public sealed class IndexModel(IncidentQueries queries, IPeopleDirectory people, TimeProvider time) : PageModel
{
    public const string Open = "open";
    public const string All = "all";

    public static IReadOnlyList<string> StatusChoices { get; } = [Open, "triggered", "acknowledged", "resolved", All];

    [BindProperty(Name = "status", SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(Name = "severity", SupportsGet = true)]
    public string? Severity { get; set; }

    [BindProperty(Name = "service", SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(Name = "environment", SupportsGet = true)]
    public string? Environment { get; set; }

    [BindProperty(Name = "from", SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(Name = "to", SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(Name = "q", SupportsGet = true)]
    public string? Query { get; set; }

    /// <summary>The page number ("page" is Razor Pages' own route value).</summary>
    [BindProperty(Name = "p", SupportsGet = true)]
    public string? PageNumber { get; set; }

    public string StatusChoice => string.IsNullOrEmpty(Status) ? Open : Status.ToLowerInvariant();

    public string Heading => StatusChoice switch
    {
        Open => "Open incidents",
        All => "All incidents",
        _ => $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(StatusChoice)} incidents",
    };

    public List<string> Problems { get; } = [];

    public IncidentFilter Filter { get; private set; } = new();

    public IncidentPage Incidents { get; private set; } = new([], 1, IncidentFilter.DefaultPageSize, 0, ReadOnlyDictionary<IncidentKey, string>.Empty);

    public IReadOnlyList<IncidentRow> Rows { get; private set; } = [];

    public int LastPage => Math.Max(1, (Incidents.Total + Incidents.PageSize - 1) / Incidents.PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = ReadFilter();
        Incidents = await queries.ListAsync(Filter, cancellationToken);
        IReadOnlyDictionary<IncidentKey, int> firing = await queries.FiringAlertCountsAsync(Incidents.Items.Select(i => i.Key), cancellationToken);
        IReadOnlyDictionary<string, string> names = await people.NamesAsync(
            [.. Incidents.Items.SelectMany(i => new[] { i.Commander, i.Assignee }).OfType<string>().Distinct(StringComparer.Ordinal)], cancellationToken);
        DateTimeOffset now = time.GetUtcNow();
        Rows = [.. Incidents.Items.Select(incident => new IncidentRow(
            incident,
            incident.Status.ToString().ToLowerInvariant(),
            Display.Duration((incident.ResolvedAt ?? now) - incident.OpenedAt),
            NameOf(incident.Commander),
            NameOf(incident.Assignee),
            firing.GetValueOrDefault(incident.Key)))];

        string? NameOf(string? id) => id is null ? null : names.GetValueOrDefault(id, id);
    }

    /// <summary>This list's address with page <paramref name="number"/>, keeping the filters.</summary>
    public string PageLink(int number)
    {
        KeyValuePair<string, string?>[] parameters =
        [
            new("status", Status), new("severity", Severity), new("service", Service), new("environment", Environment),
            new("from", From), new("to", To), new("q", Query), new("p", number.ToString(CultureInfo.InvariantCulture)),
        ];
        return "/" + QueryString.Create(parameters.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    private IncidentFilter ReadFilter()
    {
        bool openOnly = StatusChoice == Open;
        IncidentStatus? status = openOnly || StatusChoice == All
            ? null
            : ParseOptional<IncidentStatus>(Status, "status", "open, triggered, acknowledged, resolved or all", TryParseName, Problems);
        Core.Incidents.Severity? severity = ParseOptional<Core.Incidents.Severity>(Severity, "severity", "SEV1, SEV2, SEV3 or SEV4", SeverityText.TryParse, Problems);
        DateOnly? from = ParseOptional<DateOnly>(From, "from", "a date such as 2026-03-02", TryParseDate, Problems);
        DateOnly? to = ParseOptional<DateOnly>(To, "to", "a date such as 2026-03-02", TryParseDate, Problems);
        int page = ParseOptional<int>(PageNumber, "p", "a whole number from 1", TryParsePage, Problems) ?? 1;
        return new IncidentFilter(
            status,
            severity,
            Service?.Trim(),
            StartOf(from),
            page,
            OpenOnly: openOnly,
            Environment: Environment?.Trim(),
            Until: StartOf(to?.AddDays(1)), // "to" includes its whole day
            TitleContains: Query);
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static DateTimeOffset? StartOf(DateOnly? date) =>
        date is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
}
