using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The runbook calls over the official client. Each call names its request (<see cref="KubernetesRequests"/>, what a dry run
/// shows) so that a failure says in words what was refused, where and why; the patches sent are the bodies built there.
/// The per-call timeout is the client's (<c>HttpClientTimeout</c>).
/// </summary>
public sealed class KubernetesClient(IKubernetes api, Uri server, TimeSpan timeout) : IKubernetesClient, IDisposable
{
    public Uri Server => server;

    public Task<V1Deployment> GetDeploymentAsync(DeploymentRef deployment, CancellationToken cancellationToken) =>
        CallAsync(KubernetesRequests.GetDeployment(deployment),
            token => api.AppsV1.ReadNamespacedDeploymentAsync(deployment.Name, deployment.Namespace, cancellationToken: token), cancellationToken);

    public async Task<V1Deployment> RestartDeploymentAsync(DeploymentRef deployment, DateTimeOffset restartedAt, CancellationToken cancellationToken)
    {
        KubernetesRequest restart = KubernetesRequests.RestartDeployment(deployment, restartedAt);
        V1Deployment current = await GetDeploymentAsync(deployment, cancellationToken);
        if (current.Spec.Paused == true)
        {
            throw new KubernetesCallException(restart, null, null,
                $"deployment {deployment.Name} in namespace {deployment.Namespace} is paused, so a restart would do nothing: resume it first (kubectl rollout resume deployment/{deployment.Name} -n {deployment.Namespace})");
        }
        return await CallAsync(restart, token => api.AppsV1.PatchNamespacedDeploymentAsync(
            PatchOf(restart), deployment.Name, deployment.Namespace,
            fieldManager: KubernetesRequests.FieldManager, cancellationToken: token), cancellationToken);
    }

    public Task<V1Scale> GetScaleAsync(DeploymentRef deployment, CancellationToken cancellationToken) =>
        CallAsync(KubernetesRequests.GetScale(deployment),
            token => api.AppsV1.ReadNamespacedDeploymentScaleAsync(deployment.Name, deployment.Namespace, cancellationToken: token), cancellationToken);

    public Task<V1Scale> ScaleDeploymentAsync(DeploymentRef deployment, int replicas, CancellationToken cancellationToken)
    {
        KubernetesRequest scale = KubernetesRequests.ScaleDeployment(deployment, replicas);
        return CallAsync(scale, token => api.AppsV1.PatchNamespacedDeploymentScaleAsync(
            PatchOf(scale), deployment.Name, deployment.Namespace,
            fieldManager: KubernetesRequests.FieldManager, cancellationToken: token), cancellationToken);
    }

    public async Task<V2HorizontalPodAutoscaler?> FindAutoscalerAsync(DeploymentRef deployment, CancellationToken cancellationToken)
    {
        V2HorizontalPodAutoscalerList autoscalers = await CallAsync(KubernetesRequests.ListAutoscalers(deployment.Namespace),
            token => api.AutoscalingV2.ListNamespacedHorizontalPodAutoscalerAsync(deployment.Namespace, cancellationToken: token), cancellationToken);
        return autoscalers.Items.FirstOrDefault(autoscaler => autoscaler.Spec.ScaleTargetRef is { Kind: "Deployment" } target
            && target.Name == deployment.Name
            && target.ApiVersion?.StartsWith("apps/", StringComparison.Ordinal) != false);
    }

    public Task<V2HorizontalPodAutoscaler> RaiseAutoscalerMinimumAsync(string ns, string autoscaler, int minReplicas, CancellationToken cancellationToken)
    {
        KubernetesRequest raise = KubernetesRequests.RaiseAutoscalerMinimum(ns, autoscaler, minReplicas);
        return CallAsync(raise, token => api.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(
            PatchOf(raise), autoscaler, ns, fieldManager: KubernetesRequests.FieldManager, cancellationToken: token),
            cancellationToken);
    }

    public Task<V1DeploymentList> ListDeploymentAsync(DeploymentRef deployment, CancellationToken cancellationToken) =>
        CallAsync(KubernetesRequests.ListDeployment(deployment), token => api.AppsV1.ListNamespacedDeploymentAsync(
            deployment.Namespace, fieldSelector: KubernetesRequests.NameSelectorText(deployment), cancellationToken: token), cancellationToken);

    public async IAsyncEnumerable<(WatchEventType Type, V1Deployment Deployment)> WatchDeploymentAsync(
        DeploymentRef deployment, string resourceVersion, int timeoutSeconds, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        KubernetesRequest watch = KubernetesRequests.WatchDeployment(deployment, resourceVersion, timeoutSeconds);
        IAsyncEnumerable<(WatchEventType, V1Deployment)> events = api.AppsV1.WatchListNamespacedDeploymentAsync(
            deployment.Namespace, allowWatchBookmarks: true, fieldSelector: KubernetesRequests.NameSelectorText(deployment), resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, cancellationToken: cancellationToken);
        await using IAsyncEnumerator<(WatchEventType, V1Deployment)> enumerator = events.GetAsyncEnumerator(cancellationToken);
        while (await CallAsync(watch, _ => NextAsync(enumerator), cancellationToken))
        {
            yield return enumerator.Current;
        }
    }

    /// <summary>
    /// The next event, or false when the watch ended. The client fails a watch that the server ends before its first event
    /// (as it does when <c>timeoutSeconds</c> pass quietly) with an end-of-stream error: that is an end too.
    /// </summary>
    private static async Task<bool> NextAsync(IAsyncEnumerator<(WatchEventType, V1Deployment)> enumerator)
    {
        try
        {
            return await enumerator.MoveNextAsync();
        }
        catch (HttpRequestException exception) when (exception.InnerException is EndOfStreamException)
        {
            return false;
        }
    }

    public async Task<IList<V1ReplicaSet>> ListReplicaSetsAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        (await CallAsync(KubernetesRequests.ListReplicaSets(ns, labelSelector),
            token => api.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: labelSelector, cancellationToken: token), cancellationToken)).Items;

    public async Task<IList<V1Pod>> ListPodsAsync(string ns, string labelSelector, CancellationToken cancellationToken) =>
        (await CallAsync(KubernetesRequests.ListPods(ns, labelSelector),
            token => api.CoreV1.ListNamespacedPodAsync(ns, labelSelector: labelSelector, cancellationToken: token), cancellationToken)).Items;

    public Task<string> GetPodLogsAsync(string ns, string pod, string container, bool previous, int tailLines, int limitBytes, CancellationToken cancellationToken) =>
        CallAsync(KubernetesRequests.PodLogs(ns, pod, container, previous, tailLines, limitBytes), async token =>
        {
            await using Stream logs = await api.CoreV1.ReadNamespacedPodLogAsync(
                pod, ns, container: container, limitBytes: limitBytes, previous: previous, tailLines: tailLines, cancellationToken: token);
            using var reader = new StreamReader(logs);
            return await reader.ReadToEndAsync(token);
        }, cancellationToken);

    public async Task<IList<Corev1Event>> ListEventsAsync(string ns, string kind, string name, CancellationToken cancellationToken) =>
        (await CallAsync(KubernetesRequests.ListEvents(ns, kind, name),
            token => api.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: KubernetesRequests.EventSelector(kind, name), cancellationToken: token), cancellationToken)).Items;

    public void Dispose() => api.Dispose();

    /// <summary>Makes the call; every failure becomes a <see cref="KubernetesCallException"/> that says what happened to <paramref name="request"/>.</summary>
    private async Task<T> CallAsync<T>(KubernetesRequest request, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (HttpOperationException exception)
        {
            string body = exception.Response?.Content ?? "";
            V1Status? status = ReadStatus(body);
            System.Net.HttpStatusCode code = exception.Response?.StatusCode ?? System.Net.HttpStatusCode.InternalServerError;
            throw new KubernetesCallException(request, code, status, KubernetesCallException.Describe(request, code, status, body), exception);
        }
        catch (HttpRequestException exception)
        {
            throw new KubernetesCallException(request, null, null, $"could not reach the Kubernetes API at {server}: {Innermost(exception).Message}", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubernetesCallException(request, null, null,
                $"the Kubernetes API at {server} did not answer {request.Method} {request.Path} within {timeout.TotalSeconds:0} s", exception);
        }
        catch (JsonException exception)
        {
            throw new KubernetesCallException(request, null, null,
                $"the Kubernetes API answered {request.Method} {request.Path} with something that is not the expected JSON: {exception.Message}", exception);
        }
    }

    /// <summary>The patch as <paramref name="request"/> describes it: the same body under the same content type.</summary>
    private static V1Patch PatchOf(KubernetesRequest request) => new(
        request.Body ?? throw new ArgumentException($"{request.Method} {request.Path} has no body to send.", nameof(request)),
        request.ContentType == KubernetesRequests.StrategicMergePatch ? V1Patch.PatchType.StrategicMergePatch : V1Patch.PatchType.MergePatch);

    private static V1Status? ReadStatus(string body)
    {
        try
        {
            return KubernetesJson.Deserialize<V1Status>(body) is { Kind: "Status" } status ? status : null;
        }
        catch (JsonException)
        {
            return null; // proxies and load balancers answer with other bodies
        }
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}
