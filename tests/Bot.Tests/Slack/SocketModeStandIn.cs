using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>
/// Slack's Socket Mode side of the stand-in: <c>apps.connections.open</c> (app-level token as bearer) hands out a single-use
/// <c>ws://127.0.0.1/…</c> URL; each socket gets <c>hello</c>, then the envelopes a test sends, in Slack's shape. Acks are
/// recorded with the real time they took. A test can send <c>disconnect</c>, drop a socket, deliver an envelope again with
/// <c>retry_attempt</c>, and make the next sockets silent (never read, so the bot's pings get no pong).
/// </summary>
public sealed class SocketModeStandIn
{
    public const string AppToken = "xapp-1-A0CHATOPS-stand-in-0002-secret";

    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<SocketAck>> _acks = new();
    private readonly ConcurrentDictionary<int, StandInSocket> _sockets = new();
    private readonly ConcurrentQueue<SocketAck> _allAcks = new();
    private int _urlsHandedOut;
    private int _silent;

    /// <summary>Sockets accepted so far, oldest first (open or not).</summary>
    public IReadOnlyList<StandInSocket> Sockets => [.. _sockets.Values.OrderBy(socket => socket.Id)];

    /// <summary>Every ack so far, in arrival order.</summary>
    public IReadOnlyList<SocketAck> Acks => [.. _allAcks];

    /// <summary>The next <paramref name="count"/> sockets get hello and are then never read: no pong, no ack arrives.</summary>
    public void MakeNextSocketsSilent(int count) => Volatile.Write(ref _silent, count);

    /// <summary>Waits (real time, bounded) until <paramref name="count"/> sockets have been accepted; returns the newest.</summary>
    public async Task<StandInSocket> ConnectedAsync(int count, Action? whileWaiting = null, CancellationToken cancellationToken = default)
    {
        var waited = Stopwatch.StartNew();
        while (_sockets.Count < count || !_sockets[count].IsOpen)
        {
            if (waited.Elapsed > s_longestWait)
            {
                throw new TimeoutException($"The bot opened {_sockets.Count} Socket Mode connection(s) within {s_longestWait.TotalSeconds} s, not {count}.");
            }
            whileWaiting?.Invoke();
            await Task.Delay(20, cancellationToken);
        }
        return _sockets[count];
    }

    /// <summary>
    /// Sends an envelope of <paramref name="type"/> carrying <paramref name="payload"/> on <paramref name="socket"/> (the newest open
    /// one by default) and returns its ack (bounded wait).
    /// </summary>
    public async Task<SocketAck> SendAsync(
        string type, JsonObject payload, StandInSocket? socket = null, string? envelopeId = null, int retryAttempt = 0, CancellationToken cancellationToken = default)
    {
        envelopeId ??= Guid.NewGuid().ToString();
        TaskCompletionSource<SocketAck> ack = _acks.GetOrAdd(envelopeId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        socket ??= Sockets.Last(candidate => candidate.IsOpen);
        await socket.SendAsync(new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = type,
            ["payload"] = payload,
            ["accepts_response_payload"] = type != "events_api",
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryAttempt == 0 ? "" : "timeout",
        }, cancellationToken);
        try
        {
            return await ack.Task.WaitAsync(s_longestWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The bot did not acknowledge the {type} envelope {envelopeId} within {s_longestWait.TotalSeconds} s.");
        }
        finally
        {
            _acks.TryRemove(new KeyValuePair<string, TaskCompletionSource<SocketAck>>(envelopeId, ack));
        }
    }

    internal JsonObject Open(string? authorization, Uri root)
    {
        if (authorization != $"Bearer {AppToken}")
        {
            return new JsonObject { ["ok"] = false, ["error"] = string.IsNullOrEmpty(authorization) ? "not_authed" : "invalid_auth" };
        }
        int id = Interlocked.Increment(ref _urlsHandedOut);
        var url = new UriBuilder(new Uri(root, $"socket-mode/{id}")) { Scheme = "ws" };
        return new JsonObject { ["ok"] = true, ["url"] = url.Uri.AbsoluteUri };
    }

    internal async Task AcceptAsync(HttpContext context, int id)
    {
        if (!context.WebSockets.IsWebSocketRequest || id > Volatile.Read(ref _urlsHandedOut) || _sockets.ContainsKey(id))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest; // URLs are single-use
            return;
        }
        using WebSocket webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new StandInSocket(id, webSocket) { OthersOpenWhenAccepted = _sockets.Values.Count(other => other.IsOpen) };
        _sockets[id] = socket;
        await socket.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = _sockets.Values.Count(open => open.IsOpen),
            ["debug_info"] = new JsonObject { ["host"] = "applink-stand-in" },
            ["connection_info"] = new JsonObject { ["app_id"] = "A0CHATOPS" },
        }, context.RequestAborted);
        if (Interlocked.Decrement(ref _silent) >= 0)
        {
            await socket.Closed.WaitAsync(context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
            return;
        }
        Interlocked.Exchange(ref _silent, 0);
        await socket.ReadAsync(Receive, context.RequestAborted);
    }

    private void Receive(string message, TimeSpan sinceSent)
    {
        if (JsonNode.Parse(message) is not JsonObject json || json["envelope_id"]?.GetValue<string>() is not { } envelopeId)
        {
            return;
        }
        var ack = new SocketAck(envelopeId, json["payload"] as JsonObject, sinceSent);
        _allAcks.Enqueue(ack);
        if (_acks.TryGetValue(envelopeId, out TaskCompletionSource<SocketAck>? waiting))
        {
            waiting.TrySetResult(ack);
        }
    }
}

/// <summary>An ack as the stand-in received it: its payload (the immediate answer) and the real time since the envelope went out.</summary>
public sealed record SocketAck(string EnvelopeId, JsonObject? Payload, TimeSpan After);

/// <summary>One accepted socket of the stand-in.</summary>
public sealed class StandInSocket(int id, WebSocket socket)
{
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSent = Stopwatch.GetTimestamp();

    public int Id { get; } = id;

    public bool IsOpen => socket.State == WebSocketState.Open;

    /// <summary>How many of the bot's other sockets were open when this one was accepted.</summary>
    public int OthersOpenWhenAccepted { get; init; }

    /// <summary>Completes when the socket is no longer read: the bot closed or dropped it.</summary>
    public Task Closed => _dropped.Task;

    public async Task SendAsync(JsonObject message, CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Slack's <c>{"type":"disconnect","reason":…}</c>; the socket stays open until the bot closes it.</summary>
    public Task DisconnectAsync(string reason, CancellationToken cancellationToken = default) =>
        SendAsync(new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-stand-in" } }, cancellationToken);

    /// <summary>The connection breaks without a close handshake.</summary>
    public void Drop()
    {
        socket.Abort();
        _dropped.TrySetResult();
    }

    internal async Task ReadAsync(Action<string, TimeSpan> receive, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[1024 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                    break;
                }
                receive(Encoding.UTF8.GetString(buffer, 0, length), Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent)));
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // the bot dropped the socket, or the stand-in is stopping
        }
        finally
        {
            _dropped.TrySetResult();
        }
    }
}
