using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatOpsIncidents.Bot.Slack.Api;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>
/// Issue 15, finding 9: Slack's short-lived file upload URL was logged at Information by the default HttpClient logging, and
/// every slow-body timeout (408) was logged as an error with a stack trace, so slow clients could flood the log.
/// </summary>
public sealed class LogHygieneTests
{
    private const int SlowClients = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uploading_a_file_to_Slack_logs_its_upload_url_at_no_level()
    {
        await using SlackApiHarness slack = await SlackApiHarness.StartAsync(Ct); // captures every level, Trace included
        string channel = slack.Slack.Workspace.AddChannel("inc-7-checkout");

        await slack.RunAsync(slack.Api.UploadFileAsync(new FileUpload(channel, "INC-7-postmortem.md", Encoding.UTF8.GetBytes("# INC-7")), Ct));

        Assert.Contains(slack.Slack.Calls, call => call.Method == "upload");
        Assert.DoesNotContain(slack.Logs.Entries, entry => entry.Message.Contains("/upload/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bot_logs_HttpClient_requests_at_warning_only_by_default()
    {
        var logs = new CapturedLogs();
        await using var bot = new BotHost(services: services => services.AddSingleton<ILoggerProvider>(logs));
        _ = bot.CreateClient();

        ILogger httpClientLog = bot.Services.GetRequiredService<ILoggerFactory>().CreateLogger("System.Net.Http.HttpClient.ISlackApi.LogicalHandler");

        Assert.False(httpClientLog.IsEnabled(LogLevel.Information));
        Assert.True(httpClientLog.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public async Task Slow_bodies_are_answered_408_and_logged_as_one_warning_without_a_stack_trace()
    {
        var logs = new CapturedLogs();
        await using var bot = new BotHost(services: services => services.AddSingleton<ILoggerProvider>(logs));
        bot.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(2));
        });
        Uri address = bot.CreateClient().BaseAddress!;

        string[] answers = await Task.WhenAll(Enumerable.Range(0, SlowClients).Select(_ => PostSlowlyAsync(address)));

        Assert.All(answers, answer => Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Level >= LogLevel.Error);
        CapturedLog warning = Assert.Single(logs.Entries, entry => entry.Message.Contains("408", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain("   at ", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>A webhook whose 1 000-byte body trickles in a byte every 300 ms; returns the answer's status line.</summary>
    private static async Task<string> PostSlowlyAsync(Uri address)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, Ct);
        NetworkStream stream = client.GetStream();
        string head = string.Create(CultureInfo.InvariantCulture,
            $"POST /webhooks/alertmanager HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        Task<string> answer = ReadStatusLineAsync(stream);
        for (int sent = 1; sent < 1000 && !answer.IsCompleted; sent++)
        {
            await Task.WhenAny(answer, Task.Delay(TimeSpan.FromMilliseconds(300), Ct));
            if (!answer.IsCompleted)
            {
                await stream.WriteAsync(" "u8.ToArray(), Ct);
            }
        }
        return await answer;
    }

    private static async Task<string> ReadStatusLineAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        return await reader.ReadLineAsync(Ct) ?? "";
    }
}
