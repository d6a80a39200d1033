using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace ChatOpsIncidents.Bot.Slack.SocketMode;

/// <summary>
/// One WebSocket to Slack. It reads until the socket closes, answers each envelope on its own (so a slow handler does not hold
/// up the next envelope) and acknowledges it on the socket. <see cref="Ended"/> completes with why the connection is over for
/// the bot: Slack's disconnect reason, <see cref="Closed"/> or <see cref="Dropped"/> (a failed read, or no pong in time).
/// After a <c>disconnect</c> the socket keeps being read until it is disposed, so nothing Slack still sends on it is lost.
/// </summary>
internal sealed partial class SocketModeConnection : IAsyncDisposable
{
    public const string Closed = "closed";
    public const string Dropped = "dropped";

    /// <summary>An interaction carries the whole message it came from; a full incident card at Block Kit limits is far below this.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private static readonly TimeSpan s_closeTimeout = TimeSpan.FromSeconds(3);

    private readonly ClientWebSocket _socket;
    private readonly SocketEnvelopeHandler _handler;
    private readonly SocketModeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _answering = [];
    private Task _reading = Task.CompletedTask;

    private SocketModeConnection(
        ClientWebSocket socket, SocketEnvelopeHandler handler, SocketModeMetrics metrics, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        _socket = socket;
        _handler = handler;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    /// <summary>Why the connection is over: Slack's disconnect reason, <see cref="Closed"/> or <see cref="Dropped"/>.</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Connects to <paramref name="url"/> and returns once Slack said hello on it.</summary>
    public static async Task<SocketModeConnection> OpenAsync(
        Uri url, SocketModeTimings timings, SocketEnvelopeHandler handler, SocketModeMetrics metrics, TimeProvider time, ILogger logger,
        CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = timings.PingInterval;
        socket.Options.KeepAliveTimeout = timings.PongTimeout;
        var connection = new SocketModeConnection(socket, handler, metrics, time, logger, cancellationToken);
        try
        {
            await socket.ConnectAsync(url, cancellationToken);
            connection._reading = connection.ReadAsync();
            await connection._hello.Task.WaitAsync(timings.HelloTimeout, time, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets the envelopes being answered finish and be acknowledged, then closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] answering;
        lock (_lock)
        {
            answering = [.. _answering];
        }
        await Task.WhenAll(answering).WaitAsync(s_closeTimeout, _time).ContinueWith(static _ => { }, TaskScheduler.Default);
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(s_closeTimeout, _time);
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "replaced", timeout.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
        await _stopping.CancelAsync();
        _socket.Abort();
        await _reading.ContinueWith(static _ => { }, TaskScheduler.Default);
        _hello.TrySetCanceled();
        _ended.TrySetResult(Closed);
        _socket.Dispose();
        _sending.Dispose();
        _stopping.Dispose();
    }

    private async Task ReadAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(MaxMessageBytes);
        try
        {
            while (await ReadMessageAsync(buffer) is { } length)
            {
                if (Parse(buffer.AsSpan(0, length)) is { } envelope)
                {
                    Receive(envelope);
                }
            }
            _ended.TrySetResult(Closed);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _ended.TrySetResult(Dropped);
        }
        finally
        {
            _hello.TrySetException(new WebSocketException("The Socket Mode connection ended before Slack said hello."));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The length of the next text message in <paramref name="buffer"/>; null when the socket closed.</summary>
    private async Task<int?> ReadMessageAsync(byte[] buffer)
    {
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                throw new WebSocketException(WebSocketError.Faulted, $"A Socket Mode message was longer than {MaxMessageBytes} bytes.");
            }
            ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stopping.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            length += result.Count;
            if (result.EndOfMessage)
            {
                return length;
            }
        }
    }

    private SocketEnvelope? Parse(ReadOnlySpan<byte> message)
    {
        try
        {
            return JsonSerializer.Deserialize(message, SocketModeJsonContext.Default.SocketEnvelope);
        }
        catch (JsonException exception)
        {
            LogUnreadable(_logger, exception.Message);
            return null;
        }
    }

    private void Receive(SocketEnvelope envelope)
    {
        switch (envelope)
        {
            case { Type: SocketEnvelope.Hello }:
                _hello.TrySetResult();
                break;
            case { Type: SocketEnvelope.Disconnect }:
                LogDisconnect(_logger, envelope.Reason);
                _ended.TrySetResult(envelope.Reason ?? SocketEnvelope.Disconnect);
                break;
            case { EnvelopeId: { Length: > 0 and <= SocketEnvelope.MaxEnvelopeIdLength } }:
                Track(AnswerAsync(envelope));
                break;
            default:
                LogIgnored(_logger, envelope.Type);
                break;
        }
    }

    private async Task AnswerAsync(SocketEnvelope envelope)
    {
        long received = _time.GetTimestamp();
        try
        {
            JsonElement? payload = await _handler.AnswerAsync(envelope, _stopping.Token);
            byte[] ack = JsonSerializer.SerializeToUtf8Bytes(
                new SocketAck(envelope.EnvelopeId!, envelope.AcceptsResponsePayload ? payload : null), SocketModeJsonContext.Default.SocketAck);
            await _sending.WaitAsync(_stopping.Token);
            try
            {
                await _socket.SendAsync(ack, WebSocketMessageType.Text, endOfMessage: true, _stopping.Token);
            }
            finally
            {
                _sending.Release();
            }
            _metrics.Acknowledged(envelope.Type, _time.GetElapsedTime(received));
        }
        catch (Exception exception)
        {
            LogNotAcknowledged(_logger, exception, envelope.Type); // Slack delivers it again, here or on another connection
        }
    }

    private void Track(Task task)
    {
        lock (_lock)
        {
            _answering.Add(task);
        }
        _ = task.ContinueWith(done =>
        {
            lock (_lock)
            {
                _answering.Remove(done);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Slack asked to disconnect the Socket Mode connection: {Reason}")]
    private static partial void LogDisconnect(ILogger logger, string? reason);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Ignored an unreadable Socket Mode message: {Problem}")]
    private static partial void LogUnreadable(ILogger logger, string problem);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Ignored a Socket Mode message of type {Type} without a usable envelope id")]
    private static partial void LogIgnored(ILogger logger, string type);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "A Socket Mode {Type} envelope was not acknowledged; Slack will deliver it again")]
    private static partial void LogNotAcknowledged(ILogger logger, Exception exception, string type);
}
