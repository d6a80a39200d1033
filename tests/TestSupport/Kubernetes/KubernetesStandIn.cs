using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
/// The Kubernetes API server on a free 127.0.0.1 port over HTTPS, its certificate signed by a test CA
/// (<see cref="Certificates"/>): the paths the bot uses, over <see cref="Cluster"/>'s deployments and pods, answering
/// real-shaped JSON and <c>Status</c> errors (401 without the token, 403 for what <see cref="Forbid"/> denies, 404, 409 or
/// any other failure through <see cref="FailNext"/>, 415 for a patch of the wrong content type). Every request is recorded
/// first (<see cref="Requests"/>).
/// </summary>
public sealed partial class KubernetesStandIn : IAsyncDisposable
{
    public const string Token = "stand-in-service-account-token";
    public const string ServiceAccount = "system:serviceaccount:chatops:chatops-incidents";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<RecordedKubernetesRequest> _requests = [];
    private readonly HashSet<(string Verb, string Resource)> _forbidden = [];
    private readonly Queue<(HttpStatusCode Code, string Reason, string Message)> _failures = [];

    private KubernetesStandIn(WebApplication app, TestCertificates certificates)
    {
        _app = app;
        Certificates = certificates;
    }

    public TestCertificates Certificates { get; }

    public StandInCluster Cluster { get; } = new();

    public Uri Server { get; private set; } = new("https://127.0.0.1/");

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

    public static async Task<KubernetesStandIn> StartAsync(CancellationToken cancellationToken)
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
        var standIn = new KubernetesStandIn(app, certificates);
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
              server: {Server.ToString().TrimEnd('/')}
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
        string pathAndQuery = request.Path + request.QueryString;
        bool withCertificate = context.Connection.ClientCertificate is not null;
        (HttpStatusCode Code, string Reason, string Message)? failure;
        lock (_lock)
        {
            _requests.Add(new RecordedKubernetesRequest(request.Method, pathAndQuery, request.ContentType, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body)
            {
                HadClientCertificate = withCertificate,
            });
            failure = _failures.Count > 0 ? _failures.Dequeue() : null;
        }
        string? token = request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        if (!(token is not null && AcceptedTokens.Contains(token)) && !(withCertificate && AcceptClientCertificates))
        {
            await StatusAsync(context, HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");
            return;
        }
        if (failure is { } fail)
        {
            await StatusAsync(context, fail.Code, fail.Reason, fail.Message);
            return;
        }
        await RouteAsync(context, body);
    }

    private async Task RouteAsync(HttpContext context, string body)
    {
        HttpRequest request = context.Request;
        string method = request.Method;
        if (DeploymentPath().Match(request.Path.Value ?? "") is { Success: true } deployment)
        {
            string ns = deployment.Groups["ns"].Value;
            string name = deployment.Groups["name"].Value;
            bool scale = deployment.Groups["scale"].Success;
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
                if (request.ContentType is not ("application/strategic-merge-patch+json" or "application/merge-patch+json" or "application/json-patch+json"))
                {
                    await StatusAsync(context, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json");
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
            return;
        }
        if (PodsPath().Match(request.Path.Value ?? "") is { Success: true } pods && method == "GET")
        {
            string ns = pods.Groups["ns"].Value;
            if (pods.Groups["pod"].Success)
            {
                await LogsAsync(context, ns, pods.Groups["pod"].Value);
                return;
            }
            if (IsForbidden("list", "pods"))
            {
                await ForbiddenAsync(context, "list", "pods", "", ns, null);
                return;
            }
            Dictionary<string, string> selector = Selector(request.Query["labelSelector"].ToString(), '=');
            await JsonAsync(context, List("PodList", Cluster.Pods(ns, selector)));
            return;
        }
        if (EventsPath().Match(request.Path.Value ?? "") is { Success: true } events && method == "GET")
        {
            Dictionary<string, string> fields = Selector(request.Query["fieldSelector"].ToString(), '=');
            await JsonAsync(context, List("EventList", Cluster.Events(events.Groups["ns"].Value, fields.GetValueOrDefault("involvedObject.kind"), fields.GetValueOrDefault("involvedObject.name"))));
            return;
        }
        await StatusAsync(context, HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
    }

    private async Task LogsAsync(HttpContext context, string ns, string pod)
    {
        if (IsForbidden("get", "pods/log"))
        {
            await ForbiddenAsync(context, "get", "pods/log", "", ns, pod);
            return;
        }
        if (!Cluster.HasPod(ns, pod))
        {
            await StatusAsync(context, HttpStatusCode.NotFound, "NotFound", $"pods \"{pod}\" not found", pod);
            return;
        }
        string container = context.Request.Query["container"].ToString();
        bool previous = context.Request.Query["previous"] == "true";
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(Cluster.Logs(ns, pod, container, previous), context.RequestAborted);
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

    private static JsonObject List(string kind, List<JsonObject> items) => new()
    {
        ["kind"] = kind,
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "48213400" },
        ["items"] = new JsonArray([.. items]),
    };

    private static Dictionary<string, string> Selector(string text, char separator) => text
        .Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(requirement => requirement.Split(separator, 2))
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

    [GeneratedRegex("^/api/v1/namespaces/(?<ns>[^/]+)/pods(/(?<pod>[^/]+)/log)?$")]
    private static partial Regex PodsPath();

    [GeneratedRegex("^/api/v1/namespaces/(?<ns>[^/]+)/events$")]
    private static partial Regex EventsPath();
}
