using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// A server the benchmark starts on loopback (the bot, Alertmanager, the Bolt app): its output is kept for error messages,
/// its readiness is awaited, its peak resident memory can be read, and it is killed on dispose.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_readyLimit = TimeSpan.FromSeconds(120); // a bot migrating a fresh PostgreSQL database on a busy machine
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The process id, for a profiler to attach to (<c>dotnet-trace collect -p</c>).</summary>
    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> and waits until <paramref name="readyPath"/> answers 2xx.</summary>
    public static async Task<ChildProcess> StartAsync(
        string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, Uri baseAddress, string readyPath,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach ((string name, string value) in environment)
        {
            startInfo.Environment[name] = value;
        }
        var child = new ChildProcess(new Process { StartInfo = startInfo }, baseAddress);
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilReadyAsync(readyPath, cancellationToken);
            return child;
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>Peak resident set size so far (Linux <c>VmHWM</c>), in MiB.</summary>
    public double PeakRssMiB() => ReadStatusKiB("VmHWM:") / 1024.0;

    public double RssMiB() => ReadStatusKiB("VmRSS:") / 1024.0;

    /// <summary>CPU time the process has used so far, user and system (Linux <c>/proc/PID/stat</c>, in clock ticks of 10 ms).</summary>
    public TimeSpan CpuTime()
    {
        string stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are fields 14 and 15.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private long ReadStatusKiB(string field)
    {
        string line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 1_000_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync(string readyPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        long started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < s_readyLimit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using HttpResponseMessage response = await http.GetAsync(new Uri(BaseAddress, readyPath), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new InvalidOperationException($"{_process.StartInfo.FileName} was not ready within {s_readyLimit.TotalSeconds} s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(limit.Token);
        _process.Dispose();
    }
}
