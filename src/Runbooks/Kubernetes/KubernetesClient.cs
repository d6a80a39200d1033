using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The thin REST client: sends the requests <see cref="KubernetesRequests"/> builds to one endpoint, with the bearer token
/// (read again and retried once after a 401 when it comes from a file) and the endpoint's TLS settings.
/// </summary>
public sealed class KubernetesClient : IKubernetesClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly KubernetesEndpoint _endpoint;

    public KubernetesClient(KubernetesEndpoint endpoint, TimeSpan timeout)
        : this(endpoint, KubernetesHttpHandler.Create(endpoint), timeout)
    {
    }

    internal KubernetesClient(KubernetesEndpoint endpoint, HttpMessageHandler handler, TimeSpan timeout)
    {
        _endpoint = endpoint;
        _http = new HttpClient(handler) { BaseAddress = endpoint.Server, Timeout = timeout };
    }

    public Task<Deployment> GetDeploymentAsync(string ns, string name, CancellationToken cancellationToken) =>
        SendAsync(KubernetesRequests.GetDeployment(ns, name), KubernetesJsonContext.Default.Deployment, cancellationToken);

    public async Task<Deployment> RestartDeploymentAsync(string ns, string name, DateTimeOffset restartedAt, CancellationToken cancellationToken)
    {
        KubernetesRequest restart = KubernetesRequests.RestartDeployment(ns, name, restartedAt);
        Deployment current = await GetDeploymentAsync(ns, name, cancellationToken);
        if (current.Spec.Paused)
        {
            throw new KubernetesException(restart, null, null,
                $"deployment {name} in namespace {ns} is paused, so a restart would do nothing: resume it first (kubectl rollout resume deployment/{name} -n {ns})");
        }
        return await SendAsync(restart, KubernetesJsonContext.Default.Deployment, cancellationToken);
    }

    public Task<Scale> GetScaleAsync(string ns, string name, CancellationToken cancellationToken) =>
        SendAsync(KubernetesRequests.GetScale(ns, name), KubernetesJsonContext.Default.Scale, cancellationToken);

    public Task<Scale> ScaleDeploymentAsync(string ns, string name, int replicas, CancellationToken cancellationToken) =>
        SendAsync(KubernetesRequests.ScaleDeployment(ns, name, replicas), KubernetesJsonContext.Default.Scale, cancellationToken);

    public async Task<IReadOnlyList<Pod>> ListPodsAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        (await SendAsync(KubernetesRequests.ListPods(ns, labelSelector), KubernetesJsonContext.Default.PodList, cancellationToken)).Items;

    public async Task<string> GetPodLogsAsync(string ns, string pod, PodLogOptions options, CancellationToken cancellationToken)
    {
        KubernetesRequest request = KubernetesRequests.PodLogs(ns, pod, options.Container, options.Previous, options.TailLines, options.LimitBytes);
        using HttpResponseMessage response = await SendRawAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<KubernetesEvent>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken) =>
        (await SendAsync(KubernetesRequests.ListEvents(ns, kind, name), KubernetesJsonContext.Default.EventList, cancellationToken)).Items;

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(KubernetesRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendRawAsync(request, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new KubernetesException(request, response.StatusCode, null, $"the Kubernetes API answered {request.Method} {request.Path} with nothing");
        }
        catch (JsonException exception)
        {
            throw new KubernetesException(request, response.StatusCode, null, $"the Kubernetes API answered {request.Method} {request.Path} with something that is not the expected JSON: {exception.Message}", exception);
        }
    }

    /// <summary>Sends and returns a successful answer; every failure becomes a <see cref="KubernetesException"/>.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await SendOnceAsync(request, reread: false, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && _endpoint.Token is { CanRefresh: true })
        {
            response.Dispose();
            response = await SendOnceAsync(request, reread: true, cancellationToken);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken);
            KubernetesStatus? status = ReadStatus(body);
            throw new KubernetesException(request, response.StatusCode, status, KubernetesException.Describe(request, response.StatusCode, status, body));
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(KubernetesRequest request, bool reread, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.ExpectsText ? "text/plain" : "application/json"));
        if (_endpoint.Token is { } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Current(reread));
        }
        if (request.Body is { } body)
        {
            message.Content = new StringContent(body, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType!);
        }
        try
        {
            return await _http.SendAsync(message, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new KubernetesException(request, null, null, $"could not reach the Kubernetes API at {_endpoint.Server}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubernetesException(request, null, null, $"the Kubernetes API at {_endpoint.Server} did not answer {request.Method} {request.Path} within {_http.Timeout.TotalSeconds:0} s", exception);
        }
    }

    private static KubernetesStatus? ReadStatus(string body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, KubernetesJsonContext.Default.KubernetesStatus) is { Kind: "Status" } status ? status : null;
        }
        catch (JsonException)
        {
            return null; // proxies and load balancers answer with other bodies
        }
    }
}
