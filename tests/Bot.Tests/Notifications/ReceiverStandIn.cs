using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Notifications;

/// <summary>
/// An HTTP service on a free 127.0.0.1 port in the wire format the test gives (PagerDuty's Events API v2, Twilio's Messages
/// API, a webhook receiver): every request is recorded before anything else, then answered with the service's success answer
/// unless a failure was queued (<see cref="Fail"/>: a status with an optional Retry-After; <see cref="Slow"/>: an answer that
/// takes long on the clock, for the caller's timeout; <see cref="Hold"/>: no answer until released). Time comes from the clock.
/// </summary>
public sealed class ReceiverStandIn : IAsyncDisposable
{
    private const int MaxRequests = 1_000;
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Real time a held or slow request waits at most, in case nobody releases it.</summary>
    private static readonly TimeSpan s_longestHold = TimeSpan.FromMinutes(1);

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly int _successStatus;
    private readonly string _successBody;
    private readonly Lock _lock = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<Func<HttpContext, Task>> _failures = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _heldOne = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ReceiverStandIn(WebApplication app, TimeProvider time, int successStatus, string successBody)
    {
        _app = app;
        _time = time;
        _successStatus = successStatus;
        _successBody = successBody;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Completes when a request is being held (<see cref="Hold"/>).</summary>
    public Task HeldOne => _heldOne.Task;

    /// <summary>PagerDuty's Events API v2: <c>202 {"status":"success",…}</c> to a good event.</summary>
    public static Task<ReceiverStandIn> PagerDutyAsync(TimeProvider time) =>
        StartAsync(time, 202, """{"status":"success","message":"Event processed","dedup_key":"INC-1"}""");

    /// <summary>Twilio's Messages API: <c>201</c> and the created message.</summary>
    public static Task<ReceiverStandIn> TwilioAsync(TimeProvider time) =>
        StartAsync(time, 201, """{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"}""");

    /// <summary>A webhook receiver that takes what it is sent: <c>204</c>.</summary>
    public static Task<ReceiverStandIn> WebhookAsync(TimeProvider time) => StartAsync(time, 204, "");

    private static async Task<ReceiverStandIn> StartAsync(TimeProvider time, int successStatus, string successBody)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
        });
        WebApplication app = builder.Build();
        var standIn = new ReceiverStandIn(app, time, successStatus, successBody);
        app.Run(standIn.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        standIn.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>The next <paramref name="times"/> requests are answered <paramref name="status"/> (with <c>Retry-After</c> in seconds when given).</summary>
    public void Fail(HttpStatusCode status, string body = "", TimeSpan? retryAfter = null, int times = 1) => Queue(times, async context =>
    {
        context.Response.StatusCode = (int)status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await context.Response.WriteAsync(body, context.RequestAborted);
    });

    /// <summary>The next request is answered after <paramref name="delay"/> on the clock: a caller with a shorter timeout gives up first.</summary>
    public void Slow(TimeSpan delay) => Queue(1, async context =>
    {
        using var realLimit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        realLimit.CancelAfter(s_longestHold);
        await Task.Delay(delay, _time, realLimit.Token);
        await SucceedAsync(context);
    });

    /// <summary>The next request gets no answer until <see cref="Release"/>; then the success answer.</summary>
    public void Hold() => Queue(1, async context =>
    {
        _heldOne.TrySetResult();
        await _released.Task.WaitAsync(s_longestHold, context.RequestAborted);
        await SucceedAsync(context);
    });

    public void Release() => _released.TrySetResult();

    private void Queue(int times, Func<HttpContext, Task> answer)
    {
        lock (_lock)
        {
            for (int i = 0; i < times; i++)
            {
                _failures.Enqueue(answer);
            }
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Func<HttpContext, Task>? failure;
        lock (_lock)
        {
            Assert.True(_requests.Count < MaxRequests, $"the stand-in received more than {MaxRequests} requests");
            _requests.Add(new ReceivedRequest(context.Request.Path, _time.GetUtcNow(), headers, body.ToArray()));
            _failures.TryDequeue(out failure);
        }
        await (failure ?? SucceedAsync)(context);
    }

    private async Task SucceedAsync(HttpContext context)
    {
        context.Response.StatusCode = _successStatus;
        if (_successBody.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(_successBody, context.RequestAborted);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }
}
