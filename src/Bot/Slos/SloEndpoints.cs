using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Core.Slos;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>The SLOs of <c>Slos:Files</c> with their budget and burn rates, read from Prometheus at each request.</summary>
internal static class SloEndpoints
{
    public static RouteGroupBuilder MapSloApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder slos = app.MapGroup("/api/slos").WithTags("SLOs");
        slos.MapGet("/", ListAsync).WithName("ListSlos")
            .WithSummary("Every SLO with its objective, error budget left over the period and burn rates, worst first. "
                + "When Prometheus cannot answer, the figures are null and \"unknown\" says why.")
            .Produces<SloListView>();
        slos.MapGet("/{id}", GetAsync).WithName("GetSlo")
            .WithSummary("One SLO by its id (<service>-<name>, Sloth's sloth_id) with its alert windows, the burn rate over each, "
                + "and the latest incidents its alerts opened with the error budget at their opening and resolution.")
            .Produces<SloView>().ProducesProblem(StatusCodes.Status404NotFound);
        return slos;
    }

    public static async Task<IResult> ListAsync(SloBudgets budgets, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SloListView([.. (await budgets.ListAsync(cancellationToken)).Select(SloView.From)]));

    public static async Task<IResult> GetAsync(
        string id, SloCatalog catalog, SloBudgets budgets, SloIncidents incidents, CancellationToken cancellationToken)
    {
        if (catalog.Find(id) is not { } slo)
        {
            return Problems.NotFound($"No SLO has the id \"{id}\"; GET /api/slos lists them (ids are <service>-<name>).");
        }
        SloView view = SloView.From(await budgets.ReadAsync(slo, cancellationToken));
        return TypedResults.Ok(view with { Incidents = [.. (await incidents.LatestAsync(slo.Id, cancellationToken)).Select(SloIncidentView.From)] });
    }
}
