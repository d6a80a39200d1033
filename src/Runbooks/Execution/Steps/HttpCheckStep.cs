using System.Net;
using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// <c>http.check</c>: GET a URL and expect a status. Redirects are followed only on the same scheme, host and port; only the
/// status and the time it took are recorded, never the answer. <see cref="HttpCheckConnector"/> checks the addresses it reaches.
/// </summary>
public sealed record HttpCheckStep(RunbookStep Step, Uri Url) : PlannedStep(Step)
{
    private const int MaxRedirects = 5;

    public override string Description => $"check that GET {Url} answers {Step.ExpectStatus}";

    internal static HttpCheckStep Plan(RunbookStep step, StepPlanning planning)
    {
        string template = step.Url ?? "";
        string? url = planning.Render(template);
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new PlanRefusal($"“{url}” is not an http or https URL.");
        }
        return HttpUrlTemplate.Problem(template, uri, step.AllowedHosts, planning.KubernetesServer) is { } problem
            ? throw new PlanRefusal(problem)
            : new HttpCheckStep(step, uri);
    }

    internal override async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        long started = context.Time.GetTimestamp();
        try
        {
            Uri url = Url;
            for (int redirects = 0; ; redirects++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Options.Set(HttpCheckConnector.AllowedHosts, Step.AllowedHosts);
                using HttpResponseMessage response = await context.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                int code = (int)response.StatusCode;
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && redirects < MaxRedirects
                    && new Uri(url, location) is var next && IsSameOrigin(url, next))
                {
                    url = next;
                    continue;
                }
                string answered = $"GET {Url} answered {code} in {context.Time.GetElapsedTime(started).TotalMilliseconds:0} ms";
                return code == Step.ExpectStatus ? StepResult.Done(answered) : StepResult.Failed($"{answered}, expected {Step.ExpectStatus}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return StepResult.Failed($"GET {Url} failed: {exception.Message}");
        }
    }

    private static bool IsRedirect(HttpStatusCode code) => (int)code is >= 300 and < 400;

    private static bool IsSameOrigin(Uri from, Uri to) =>
        from.Scheme == to.Scheme && string.Equals(from.IdnHost, to.IdnHost, StringComparison.OrdinalIgnoreCase) && from.Port == to.Port;
}
