using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>
/// Slack's Web API on a free 127.0.0.1 port, in Slack's wire format: <c>POST /api/&lt;method&gt;</c> with a bearer token and a
/// JSON or form body, answered with <c>{"ok":true,…}</c> or <c>{"ok":false,"error":…}</c>, over the state in
/// <see cref="Workspace"/>; file bytes go to <c>POST /upload/&lt;file id&gt;</c>, the upload URL it hands out. Every request is
/// recorded (<see cref="Calls"/>) before anything else happens, and failures can be injected (<see cref="InjectFault"/>,
/// <see cref="Outage"/>). Time (recorded times, slow answers, trigger expiry, ts values) comes from the given clock.
/// </summary>
public sealed class SlackStandIn : IAsyncDisposable
{
    public const string BotToken = "xoxb-stand-in-0001-secret";
    private const int MaxCalls = 10_000;
    private const int MaxBodyBytes = 8 * 1024 * 1024;
    private static readonly TimeSpan s_longestDelay = TimeSpan.FromMinutes(5);

    /// <summary>Real time a request without answer is held at most, in case its caller never gives up.</summary>
    private static readonly TimeSpan s_longestHold = TimeSpan.FromMinutes(1);

    /// <summary>Methods without JSON support: Slack reads only their form (or query) arguments.</summary>
    private static readonly HashSet<string> s_formOnly = new(StringComparer.Ordinal) { "users.info", "users.lookupByEmail", "usergroups.list", "files.getUploadURLExternal" };

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly List<PendingFault> _faults = [];
    private Uri _root = new("http://127.0.0.1/");
    private int _inFlight;
    private int _outage;

    private SlackStandIn(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        Workspace = new StandInWorkspace(time);
    }

    /// <summary>Slack's Socket Mode: <c>apps.connections.open</c> here, the WebSockets it hands out on the same port.</summary>
    public SocketModeStandIn SocketMode { get; } = new();

    /// <summary>Put this in <c>Slack:ApiBaseUrl</c>: <c>http://127.0.0.1:&lt;port&gt;/api/</c>.</summary>
    public Uri BaseAddress => new(_root, "api/");

    public StandInWorkspace Workspace { get; }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Requests being answered right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>"Slack is down": while not <see cref="SlackOutage.None"/>, every request fails that way.</summary>
    public SlackOutage Outage
    {
        get => (SlackOutage)Volatile.Read(ref _outage);
        set => Volatile.Write(ref _outage, (int)value);
    }

    public static async Task<SlackStandIn> StartAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0); // the OS picks a free port: no race with other tests
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        WebApplication app = builder.Build();
        var standIn = new SlackStandIn(app, time);
        app.UseWebSockets();
        app.MapPost("/api/{method}", standIn.AnswerApiAsync);
        app.Map("/socket-mode/{id:int}", (HttpContext context, int id) => standIn.SocketMode.AcceptAsync(context, id));
        app.MapPost("/upload/{fileId}", standIn.AnswerUploadAsync);
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn._root = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    public IReadOnlyList<RecordedCall> CallsTo(string method) => [.. Calls.Where(call => call.Method == method)];

    /// <summary>The messages posted into a direct conversation of <paramref name="user"/>, oldest first.</summary>
    public IReadOnlyList<RecordedCall> DirectMessagesTo(string user) => [.. CallsTo("chat.postMessage")
        .Where(call => Workspace.Channel(call.Json?["channel"]?.GetValue<string>() ?? "") is { IsDirect: true } channel && channel.Members.Contains(user))];

    /// <summary>Plays <paramref name="fault"/> for the next <paramref name="times"/> requests (to <paramref name="method"/> only, when given).</summary>
    public void InjectFault(SlackFault fault, int times = 1, string? method = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_lock)
        {
            _faults.Add(new PendingFault(fault, method, times));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task AnswerApiAsync(HttpContext context)
    {
        string method = (string)context.Request.RouteValues["method"]!;
        await AnswerAsync(context, method, async body =>
        {
            JsonObject answer = ApiAnswer(context, method, body);
            await WriteJsonAsync(context, StatusCodes.Status200OK, answer);
        });
    }

    private async Task AnswerUploadAsync(HttpContext context)
    {
        var fileId = (string)context.Request.RouteValues["fileId"]!;
        await AnswerAsync(context, "upload", async content =>
        {
            StandInFile? file = Workspace.File(fileId);
            (int status, string text) = file is null ? (404, "Not Found")
                : content.Length != file.Length ? (400, $"length mismatch: announced {file.Length}, sent {content.Length}")
                : Workspace.ReceiveUpload(fileId, content) ? (200, $"OK - {content.Length}")
                : (400, "upload already completed");
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(text, context.RequestAborted);
        });
    }

    /// <summary>Records the request, then plays the outage or a fault if one applies, else <paramref name="answer"/>.</summary>
    private async Task AnswerAsync(HttpContext context, string method, Func<byte[], Task> answer)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            byte[] body = await ReadBodyAsync(context.Request);
            if (!Record(context, method, body))
            {
                context.Response.StatusCode = StatusCodes.Status507InsufficientStorage;
                await context.Response.WriteAsync($"The Slack stand-in recorded {MaxCalls} calls; a test is looping.", context.RequestAborted);
                return;
            }
            switch (Outage)
            {
                case SlackOutage.ServerErrors:
                    await WriteServerErrorAsync(context, StatusCodes.Status500InternalServerError);
                    return;
                case SlackOutage.DroppedConnections:
                    context.Abort();
                    return;
                case SlackOutage.Timeouts:
                    using (var hold = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                    {
                        await Task.Delay(s_longestDelay, _time, hold.Token);
                    }
                    await WriteServerErrorAsync(context, StatusCodes.Status504GatewayTimeout);
                    return;
            }
            if (NextFault(method) is { } fault)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
                if (fault.Delay is { } delay)
                {
                    await Task.Delay(delay < s_longestDelay ? delay : s_longestDelay, _time, stop.Token);
                }
                else if (fault.HoldsWithoutAnswer)
                {
                    await Task.Delay(s_longestHold, TimeProvider.System, stop.Token);
                    await WriteServerErrorAsync(context, StatusCodes.Status504GatewayTimeout);
                    return;
                }
                else
                {
                    await PlayAsync(context, fault);
                    return;
                }
            }
            await answer(body);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // The caller gave up (a client timeout) or the stand-in is stopping: nobody is listening for the answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static async Task PlayAsync(HttpContext context, SlackFault fault)
    {
        if (fault.DropsConnection)
        {
            context.Abort();
            return;
        }
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        int status = fault.Status ?? StatusCodes.Status500InternalServerError;
        if (fault.ErrorCode is { } error)
        {
            await WriteJsonAsync(context, status, StandInWorkspace.Error(error));
        }
        else
        {
            await WriteServerErrorAsync(context, status);
        }
    }

    private JsonObject ApiAnswer(HttpContext context, string method, byte[] body)
    {
        string? authorization = context.Request.Headers.Authorization;
        if (method == "apps.connections.open")
        {
            return SocketMode.Open(authorization, _root);
        }
        if (string.IsNullOrEmpty(authorization))
        {
            return StandInWorkspace.Error("not_authed");
        }
        if (authorization != $"Bearer {BotToken}")
        {
            return StandInWorkspace.Error("invalid_auth");
        }

        List<string> warnings = [];
        SlackArguments args = SlackArguments.None;
        MediaTypeHeaderValue? contentType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? parsed) ? parsed : null;
        if (contentType?.MediaType == "application/json")
        {
            if (contentType.CharSet is null)
            {
                warnings.Add("missing_charset");
            }
            if (!s_formOnly.Contains(method))
            {
                if (ParseJson(body) is not { } json)
                {
                    return StandInWorkspace.Error("invalid_json");
                }
                args = new SlackArguments(json, null);
            }
        }
        else if (contentType?.MediaType == "application/x-www-form-urlencoded")
        {
            if (contentType.CharSet is not null)
            {
                warnings.Add("superfluous_charset");
            }
            args = new SlackArguments(null, ParseForm(body));
        }

        JsonObject answer = Workspace.Handle(method, args, _root);
        if (warnings.Count > 0)
        {
            answer["warning"] = string.Join(',', warnings);
            answer["response_metadata"] = new JsonObject { ["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode)JsonValue.Create(w))]) };
        }
        return answer;
    }

    private bool Record(HttpContext context, string method, byte[] body)
    {
        string? contentType = context.Request.ContentType;
        bool isJson = contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
        bool isForm = contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        var call = new RecordedCall(
            method,
            _time.GetUtcNow(),
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            contentType,
            body,
            isJson ? ParseJson(body) : null,
            isForm ? ParseForm(body) : null);
        lock (_lock)
        {
            if (_calls.Count >= MaxCalls)
            {
                return false;
            }
            _calls.Add(call);
            return true;
        }
    }

    private SlackFault? NextFault(string method)
    {
        lock (_lock)
        {
            PendingFault? pending = _faults.FirstOrDefault(f => f.Method is null || f.Method == method);
            if (pending is null)
            {
                return null;
            }
            if (--pending.Remaining == 0)
            {
                _faults.Remove(pending);
            }
            return pending.Fault;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    private static JsonObject? ParseJson(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ParseForm(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject answer)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
    }

    private static async Task WriteServerErrorAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<html><body><h1>{status} Server Error</h1></body></html>", context.RequestAborted);
    }

    private sealed class PendingFault(SlackFault fault, string? method, int remaining)
    {
        public SlackFault Fault { get; } = fault;

        public string? Method { get; } = method;

        public int Remaining { get; set; } = remaining;
    }
}
