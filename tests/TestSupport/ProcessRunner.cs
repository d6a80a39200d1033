using System.Diagnostics;
using System.Text;

namespace ChatOpsIncidents.TestSupport;

/// <summary>Runs short-lived commands with a time limit (exit code and combined output), and starts and stops the servers tests run.</summary>
public static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken, string? standardInput = null)
    {
        var output = new StringBuilder();
        using Process process = Start(fileName, arguments, workingDirectory, output, standardInput);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            throw new TimeoutException(
                $"{Describe(fileName, arguments)} did not finish within {timeout.TotalSeconds:0} s; killed it. Output so far:\n{Read(output)}");
        }
        return (process.ExitCode, Read(output));
    }

    /// <summary>
    /// Starts a process with <paramref name="standardInput"/> (if any) on its standard input, then closed, and its standard
    /// output and error appended to <paramref name="output"/>, line by line.
    /// </summary>
    public static Process Start(string fileName, IReadOnlyList<string> arguments, string workingDirectory, StringBuilder output, string? standardInput = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills a server started with <see cref="Start"/> (and its children) if it still runs, waits for it to go, and disposes it.</summary>
    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(limit.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or will be reaped by the OS; nothing a test can do about it.
        }
        process.Dispose();
    }

    public static string Describe(string fileName, IReadOnlyList<string> arguments) =>
        "`" + string.Join(' ', arguments.Prepend(fileName).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)) + "`";

    public static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
