using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary><c>http.check</c>: GET a URL and expect a status.</summary>
public sealed record HttpCheckStep(RunbookStep Step, Uri Url) : PlannedStep(Step)
{
    public override string Description => $"check that GET {Url} answers {Step.ExpectStatus}";

    internal static HttpCheckStep Plan(RunbookStep step, StepPlanning planning)
    {
        string? url = planning.Render(step.Url ?? "");
        return Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? new HttpCheckStep(step, uri)
            : throw new PlanRefusal($"“{url}” is not an http or https URL.");
    }

    internal override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await context.Http.GetAsync(Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            int code = (int)response.StatusCode;
            return code == Step.ExpectStatus
                ? StepResult.Done($"GET {Url} answered {code}")
                : StepResult.Failed($"GET {Url} answered {code}, expected {Step.ExpectStatus}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return StepResult.Failed($"GET {Url} failed: {exception.Message}");
        }
    }
}
