using System.Diagnostics;
using System.Text;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Hosting;

/// <summary>
/// The built bot as a child process (<c>dotnet ChatOpsIncidents.Bot.dll</c>, the build copied beside the tests), configured
/// through environment variables, on one free 127.0.0.1 port for its whole life, so it can be killed hard and started
/// again where Alertmanager expects it.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private BotProcess(Dictionary<string, string> environment, Uri baseAddress)
    {
        _environment = environment;
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where the bot listens, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>What every run of the bot wrote to stdout and stderr, runs separated by a marker line.</summary>
    public string Log => ProcessRunner.Read(_log);

    /// <summary>Starts the bot with <paramref name="settings"/> (configuration keys such as <c>Database:SqlitePath</c>) and waits for <c>/readyz</c>.</summary>
    public static async Task<BotProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        int port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach ((string key, string value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var bot = new BotProcess(environment, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await bot.StartAgainAsync(cancellationToken);
            return bot;
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the bot (again, after <see cref="Kill"/>) on the same port and waits until it is ready.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "ChatOpsIncidents.Bot.dll");
        var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(dll);
        foreach ((string key, string value) in _environment)
        {
            startInfo.Environment[key] = value;
        }
        ProcessRunner.Append(_log, $"--- starting {dll} on {BaseAddress} ---");
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => ProcessRunner.Append(_log, e.Data);
        process.ErrorDataReceived += (_, e) => ProcessRunner.Append(_log, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilReadyAsync(process, cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown, no flushing, requests in flight cut off.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(30));
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        Http.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken) =>
        new ReadinessProbe("The bot", process, Http, new Uri("readyz", UriKind.Relative), TimeSpan.FromSeconds(5), s_waitLimit)
            .WaitAsync(() => Log, cancellationToken);
}
