using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>
/// The Kubernetes API server on a free 127.0.0.1 port over HTTPS (HTTP/1.1 and HTTP/2), its certificate signed by a test CA
/// (<see cref="Certificates"/>), optionally under a path prefix as behind Rancher (<see cref="PathPrefix"/>): API discovery,
/// and the paths runbooks and kubectl use over <see cref="Cluster"/>'s objects (get, list by label or field selector, watch
/// streams, strategic-merge and merge patches, the scale subresource, logs), answering real-shaped JSON and <c>Status</c>
/// errors (401 without the token, 403 for what <see cref="Forbid"/> denies, 404, 409 or any other failure through
/// <see cref="FailNext"/>, 415 for a patch of the wrong content type). Every request is recorded first (<see cref="Requests"/>).
/// </summary>
public sealed partial class KubernetesStandIn : IAsyncDisposable
{
    public const string Token = "stand-in-service-account-token";
    public const string ServiceAccount = "system:serviceaccount:chatops:chatops-incidents";

    private static readonly string[] s_patchTypes = ["application/strategic-merge-patch+json", "application/merge-patch+json", "application/json-patch+json"];

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<RecordedKubernetesRequest> _requests = [];
    private readonly HashSet<(string Verb, string Resource)> _forbidden = [];
    private readonly Queue<(HttpStatusCode Code, string Reason, string Message)> _failures = [];

    private KubernetesStandIn(WebApplication app, TestCertificates certificates, string pathPrefix)
    {
        _app = app;
        Certificates = certificates;
        PathPrefix = pathPrefix;
    }

    public TestCertificates Certificates { get; }

    public StandInCluster Cluster { get; } = new();

    /// <summary>The server's root, without <see cref="PathPrefix"/>.</summary>
    public Uri Server { get; private set; } = new("https://127.0.0.1/");

    /// <summary>Where the API is served below <see cref="Server"/>, such as "/k8s/clusters/c-1"; empty for the root.</summary>
    public string PathPrefix { get; }

    /// <summary>The URL a kubeconfig names: <see cref="Server"/> with <see cref="PathPrefix"/>, without a trailing '/'.</summary>
    public string ServerUrl => Server.ToString().TrimEnd('/') + PathPrefix;

    /// <summary>Tokens the server accepts; the token file tests rotate it.</summary>
    public HashSet<string> AcceptedTokens { get; } = [Token];

    /// <summary>True: requests with a client certificate are authenticated without a token.</summary>
    public bool AcceptClientCertificates { get; set; } = true;

    public IReadOnlyList<RecordedKubernetesRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public static async Task<KubernetesStandIn> StartAsync(CancellationToken cancellationToken, string pathPrefix = "")
    {
        var certificates = new TestCertificates();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = certificates.Server;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => certificate.Issuer == certificates.Authority.Subject;
        })));
        WebApplication app = builder.Build();
        var standIn = new KubernetesStandIn(app, certificates, pathPrefix);
        app.Run(standIn.HandleAsync);
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.Server = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>A kubeconfig for this server: the CA as data, a token user, context "stand-in" (the current one) in namespace payments.</summary>
    public string Kubeconfig(string token = Token) => $"""
        apiVersion: v1
        kind: Config
        current-context: stand-in
        clusters:
          - name: local
            cluster:
              server: {ServerUrl}
              certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(Certificates.AuthorityPem))}
        users:
          - name: bot
            user:
              token: {token}
        contexts:
          - name: stand-in
            context:
              cluster: local
              user: bot
              namespace: payments
        """;

    /// <summary>The service account may not <paramref name="verb"/> <paramref name="resource"/> ("deployments", "deployments/scale", "pods/log"…).</summary>
    public void Forbid(string verb, string resource)
    {
        lock (_lock)
        {
            _forbidden.Add((verb, resource));
        }
    }

    /// <summary>The next request fails with this Status.</summary>
    public void FailNext(HttpStatusCode code, string reason, string message)
    {
        lock (_lock)
        {
            _failures.Enqueue((code, reason, message));
        }
    }

    /// <summary>Waits (at most ten seconds) until a client watches, as a client following a rollout does.</summary>
    public async Task WhenWatchedAsync(CancellationToken cancellationToken)
    {
        for (int i = 0; i < 400 && !Requests.Any(r => r.Query.GetValueOrDefault("watch") == "true"); i++)
        {
            await Task.Delay(25, cancellationToken);
        }
        Assert.Contains(Requests, r => r.Query.GetValueOrDefault("watch") == "true");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Certificates.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        bool withCertificate = context.Connection.ClientCertificate is not null;
        string? authorization = request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null;
        (HttpStatusCode Code, string Reason, string Message)? failure;
        lock (_lock)
        {
            _requests.Add(new RecordedKubernetesRequest(request.Method, request.Path + request.QueryString, request.ContentType, authorization, body)
            {
                HadClientCertificate = withCertificate,
                UserAgent = request.Headers.UserAgent.ToString(),
            });
            failure = _failures.Count > 0 ? _failures.Dequeue() : null;
        }
        string? token = authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? authorization[7..] : null;
        if (!(token is not null && AcceptedTokens.Contains(token)) && !(withCertificate && AcceptClientCertificates))
        {
            await StatusAsync(context, HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");
        }
        else if (failure is { } fail)
        {
            await StatusAsync(context, fail.Code, fail.Reason, fail.Message);
        }
        else if (!(request.Path.Value ?? "").StartsWith(PathPrefix + "/", StringComparison.Ordinal))
        {
            await StatusAsync(context, HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }
        else
        {
            await RouteAsync(context, (request.Path.Value ?? "")[PathPrefix.Length..], body);
        }
    }

    private async Task RouteAsync(HttpContext context, string path, string body)
    {
        string method = context.Request.Method;
        IQueryCollection query = context.Request.Query;
        if (method == "GET" && StandInDiscovery.Document(path) is { } discovery)
        {
            await JsonAsync(context, discovery);
        }
        else if (DeploymentPath().Match(path) is { Success: true } deployment)
        {
            await DeploymentAsync(context, deployment.Groups["ns"].Value, deployment.Groups["name"].Value, deployment.Groups["scale"].Success, body);
        }
        else if (ListPath().Match(path) is { Success: true } list && method == "GET")
        {
            await ListAsync(context, list.Groups["ns"].Value, list.Groups["resource"].Value, query);
        }
        else if (PodPath().Match(path) is { Success: true } pod && method == "GET")
        {
            await PodAsync(context, pod.Groups["ns"].Value, pod.Groups["pod"].Value, pod.Groups["log"].Success);
        }
        else if (AutoscalerPath().Match(path) is { Success: true } autoscaler && method == "PATCH")
        {
            string ns = autoscaler.Groups["ns"].Value;
            if (IsForbidden("patch", "horizontalpodautoscalers"))
            {
                await ForbiddenAsync(context, "patch", "horizontalpodautoscalers", "autoscaling", ns, autoscaler.Groups["name"].Value);
            }
            else if (Cluster.PatchAutoscaler(ns, autoscaler.Groups["name"].Value, JsonNode.Parse(body)!.AsObject()) is { } patched)
            {
                await JsonAsync(context, patched);
            }
            else
            {
                await StatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"horizontalpodautoscalers.autoscaling \"{autoscaler.Groups["name"].Value}\" not found");
            }
        }
        else
        {
            await StatusAsync(context, HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }
    }

    private async Task DeploymentAsync(HttpContext context, string ns, string name, bool scale, string body)
    {
        string method = context.Request.Method;
        string resource = scale ? "deployments/scale" : "deployments";
        string verb = method == "PATCH" ? "patch" : "get";
        if (method is not ("GET" or "PATCH"))
        {
            await StatusAsync(context, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            return;
        }
        if (IsForbidden(verb, resource))
        {
            await ForbiddenAsync(context, verb, resource, "apps", ns, name);
            return;
        }
        JsonObject? current = Cluster.Deployment(ns, name);
        if (current is null)
        {
            await StatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"deployments.apps \"{name}\" not found", name);
            return;
        }
        if (method == "PATCH")
        {
            if (!s_patchTypes.Contains(context.Request.ContentType?.Split(';')[0].Trim()))
            {
                await StatusAsync(context, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json");
                return;
            }
            if (JsonNode.Parse(body) is not JsonObject patch || (scale && patch["spec"]?["replicas"]?.GetValue<int>() < 0))
            {
                await StatusAsync(context, HttpStatusCode.UnprocessableEntity, "Invalid", $"Scale.autoscaling \"{name}\" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0");
                return;
            }
            current = Cluster.Patch(ns, name, patch, scale)!;
        }
        await JsonAsync(context, scale ? ScaleOf(current) : current);
    }

    private async Task ListAsync(HttpContext context, string ns, string resource, IQueryCollection query)
    {
        bool watch = query["watch"] is ["true" or "1"];
        string verb = watch ? "watch" : "list";
        if (IsForbidden(verb, resource))
        {
            await ForbiddenAsync(context, verb, resource, resource is "deployments" or "replicasets" ? "apps" : resource == "horizontalpodautoscalers" ? "autoscaling" : "", ns, null);
            return;
        }
        Dictionary<string, string> labels = Selector(query["labelSelector"].ToString());
        Dictionary<string, string> fields = Selector(query["fieldSelector"].ToString());
        if (watch && resource == "deployments")
        {
            await WatchAsync(context, ns, fields.GetValueOrDefault("metadata.name") ?? "", query);
            return;
        }
        (string kind, List<JsonObject> items) = resource switch
        {
            "deployments" => ("DeploymentList", Cluster.Deployments(ns, fields.GetValueOrDefault("metadata.name"))),
            "replicasets" => ("ReplicaSetList", Cluster.ReplicaSets(ns, labels)),
            "pods" => ("PodList", Cluster.Pods(ns, labels)),
            "horizontalpodautoscalers" => ("HorizontalPodAutoscalerList", Cluster.Autoscalers(ns)),
            _ => ("EventList", Cluster.Events(ns, fields.GetValueOrDefault("involvedObject.kind"), fields.GetValueOrDefault("involvedObject.name"))),
        };
        await JsonAsync(context, new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = items.Select(i => long.Parse(i["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "0", System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(48213400).Max().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray([.. items]),
        });
    }

    /// <summary>
    /// A watch of one deployment, as newline-delimited events: MODIFIED at once when it changed after the given resource
    /// version, then one per change, until <c>timeoutSeconds</c> passed or the client went away.
    /// </summary>
    private async Task WatchAsync(HttpContext context, string ns, string name, IQueryCollection query)
    {
        var changes = Channel.CreateUnbounded<JsonObject>();
        using IDisposable watching = Cluster.Watch(ns, name, deployment => changes.Writer.TryWrite(deployment));
        if (Cluster.Deployment(ns, name) is { } now && long.TryParse(query["resourceVersion"], out long since)
            && long.Parse(now["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > since)
        {
            changes.Writer.TryWrite(now);
        }
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted); // the headers now: clients wait for them before they read events
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(int.TryParse(query["timeoutSeconds"], out int seconds) ? seconds : 300));
        try
        {
            await foreach (JsonObject deployment in changes.Reader.ReadAllAsync(timeout.Token))
            {
                string line = new JsonObject { ["type"] = "MODIFIED", ["object"] = deployment }.ToJsonString() + "\n";
                await context.Response.WriteAsync(line, timeout.Token);
                await context.Response.Body.FlushAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the watch's time is up, or the client left
        }
    }

    private async Task PodAsync(HttpContext context, string ns, string pod, bool logs)
    {
        string resource = logs ? "pods/log" : "pods";
        if (IsForbidden("get", resource))
        {
            await ForbiddenAsync(context, "get", resource, "", ns, pod);
        }
        else if (Cluster.Pod(ns, pod) is not { } found)
        {
            await StatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"pods \"{pod}\" not found", pod);
        }
        else if (logs)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(Cluster.Logs(ns, pod, context.Request.Query["container"].ToString(), context.Request.Query["previous"] == "true"), context.RequestAborted);
        }
        else
        {
            await JsonAsync(context, found);
        }
    }

    private bool IsForbidden(string verb, string resource)
    {
        lock (_lock)
        {
            return _forbidden.Contains((verb, resource));
        }
    }

    private static Task ForbiddenAsync(HttpContext context, string verb, string resource, string group, string ns, string? name) => StatusAsync(
        context, HttpStatusCode.Forbidden, "Forbidden",
        $"{resource.Split('/')[0]}{(group.Length > 0 ? "." + group : "")} {(name is null ? "" : $"\"{name}\" ")}is forbidden: User \"{ServiceAccount}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" in the namespace \"{ns}\"",
        name);

    private static JsonObject ScaleOf(JsonObject deployment) => new()
    {
        ["kind"] = "Scale",
        ["apiVersion"] = "autoscaling/v1",
        ["metadata"] = new JsonObject
        {
            ["name"] = deployment["metadata"]!["name"]!.DeepClone(),
            ["namespace"] = deployment["metadata"]!["namespace"]!.DeepClone(),
            ["resourceVersion"] = deployment["metadata"]!["resourceVersion"]!.DeepClone(),
        },
        ["spec"] = deployment["spec"]!["replicas"]?.GetValue<int>() is > 0 and int replicas ? new JsonObject { ["replicas"] = replicas } : new JsonObject(),
        ["status"] = new JsonObject
        {
            ["replicas"] = deployment["status"]?["replicas"]?.DeepClone(),
            ["selector"] = string.Join(',', deployment["spec"]!["selector"]!["matchLabels"]!.AsObject().Select(l => $"{l.Key}={l.Value}")),
        },
    };

    private static Dictionary<string, string> Selector(string text) => text
        .Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(requirement => requirement.Split('=', 2))
        .Where(parts => parts.Length == 2)
        .ToDictionary(parts => parts[0], parts => parts[1]);

    private static Task JsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task StatusAsync(HttpContext context, HttpStatusCode code, string reason, string message, string? name = null)
    {
        context.Response.StatusCode = (int)code;
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = (int)code,
        };
        if (name is not null)
        {
            status["details"] = new JsonObject { ["name"] = name };
        }
        return JsonAsync(context, status);
    }

    [GeneratedRegex("^/apis/apps/v1/namespaces/(?<ns>[^/]+)/deployments/(?<name>[^/]+)(?<scale>/scale)?$")]
    private static partial Regex DeploymentPath();

    [GeneratedRegex("^/(api/v1|apis/apps/v1|apis/autoscaling/v2)/namespaces/(?<ns>[^/]+)/(?<resource>deployments|replicasets|pods|events|horizontalpodautoscalers)$")]
    private static partial Regex ListPath();

    [GeneratedRegex("^/api/v1/namespaces/(?<ns>[^/]+)/pods/(?<pod>[^/]+)(?<log>/log)?$")]
    private static partial Regex PodPath();

    [GeneratedRegex("^/apis/autoscaling/v2/namespaces/(?<ns>[^/]+)/horizontalpodautoscalers/(?<name>[^/]+)$")]
    private static partial Regex AutoscalerPath();
}
