using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatOpsIncidents.Bot.Tests.Notifications;

/// <summary>
/// An SMTP server on a free 127.0.0.1 port speaking enough of RFC 5321 for a mail client: EHLO (offering AUTH PLAIN), AUTH
/// PLAIN, MAIL, RCPT, DATA (dot-unstuffed), RSET, NOOP, QUIT. Each accepted message is recorded with its envelope and the
/// credentials it was sent with. While <see cref="Outage"/> is set it greets with 421 and hangs up (a server down for
/// maintenance); <see cref="RejectRecipients"/> answers 550 to every RCPT (a mailbox that does not exist).
/// </summary>
public sealed class SmtpStandIn : IAsyncDisposable
{
    private const int MaxLineLength = 4096;
    private const int MaxMessageBytes = 1024 * 1024;
    private const int MaxMessages = 100;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<SmtpMessage> _messages = [];
    private readonly Task _accepting;
    private int _connections;

    public SmtpStandIn()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool Outage { get; set; }

    public bool RejectRecipients { get; set; }

    /// <summary>Connections opened so far, accepted or turned away.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public IReadOnlyList<SmtpMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Interlocked.Increment(ref _connections);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using TcpClient _ = client;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        CancellationToken ct = timeout.Token;
        NetworkStream stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        try
        {
            if (Outage)
            {
                await writer.WriteLineAsync("421 4.3.2 standin is down for maintenance, try again later");
                return;
            }
            await writer.WriteLineAsync("220 standin ESMTP");
            string? from = null;
            string? credentials = null;
            List<string> to = [];
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                Assert.True(line.Length <= MaxLineLength, "an SMTP command line was too long");
                string verb = line.Split(' ', 2)[0].ToUpperInvariant();
                string argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-standin greets you");
                        await writer.WriteLineAsync("250-AUTH PLAIN");
                        await writer.WriteLineAsync($"250 SIZE {MaxMessageBytes}");
                        break;
                    case "HELO" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "AUTH" when argument.StartsWith("PLAIN ", StringComparison.OrdinalIgnoreCase):
                        credentials = Encoding.UTF8.GetString(Convert.FromBase64String(argument[6..].Trim()));
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        from = Address(argument);
                        to.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT" when RejectRecipients:
                        await writer.WriteLineAsync("550 5.1.1 No such mailbox");
                        break;
                    case "RCPT":
                        to.Add(Address(argument));
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        string data = await ReadDataAsync(reader, ct);
                        lock (_lock)
                        {
                            Assert.True(_messages.Count < MaxMessages, $"the SMTP stand-in received more than {MaxMessages} messages");
                            _messages.Add(new SmtpMessage(from ?? "", [.. to], credentials, data));
                        }
                        await writer.WriteLineAsync("250 2.0.0 OK queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the client hung up, or the test ended
        }
    }

    private static async Task<string> ReadDataAsync(StreamReader reader, CancellationToken ct)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line && line != ".")
        {
            data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
            Assert.True(data.Length <= MaxMessageBytes, "the message was larger than the stand-in takes");
        }
        return data.ToString();
    }

    /// <summary>The address in <c>FROM:&lt;a@b&gt; SIZE=…</c> or <c>TO:&lt;a@b&gt;</c>.</summary>
    private static string Address(string argument)
    {
        int start = argument.IndexOf('<');
        int end = argument.IndexOf('>');
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
