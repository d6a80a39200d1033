namespace ChatOpsIncidents.TestSupport;

/// <summary>
/// promtool (Debian package <c>prometheus</c>; or <c>PROMTOOL_BIN</c>) and amtool (Debian package
/// <c>prometheus-alertmanager</c>; or <c>AMTOOL_BIN</c>), run with a time limit. Without the tool the test is skipped
/// (failed under CI=true).
/// </summary>
public static class PrometheusTools
{
    private static readonly TimeSpan s_timeLimit = TimeSpan.FromSeconds(60);

    public static Task<(int ExitCode, string Output)> PromtoolAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Find("PROMTOOL_BIN", "promtool", "prometheus"), arguments, workingDirectory, s_timeLimit, cancellationToken);

    public static Task<(int ExitCode, string Output)> AmtoolAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Find("AMTOOL_BIN", "amtool", "prometheus-alertmanager"), arguments, workingDirectory, s_timeLimit, cancellationToken);

    /// <summary><c>promtool check metrics</c> on an exposition (promtool reads it from standard input).</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition, CancellationToken cancellationToken)
    {
        string promtool = Find("PROMTOOL_BIN", "promtool", "prometheus");
        string folder = Directory.CreateTempSubdirectory("chatops-scrape-").FullName;
        try
        {
            string file = Path.Combine(folder, "metrics.txt");
            await File.WriteAllTextAsync(file, exposition, cancellationToken);
            return await ProcessRunner.RunAsync("/bin/sh", ["-c", "exec \"$0\" check metrics < \"$1\"", promtool, file], folder, s_timeLimit, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Find(string variable, string name, string debianPackage)
    {
        string? binary = Executables.FromEnvironmentOrPath(variable, name);
        if (binary is null || !Executables.IsExecutable(binary))
        {
            RealServers.Unavailable($"{name} not found: install the Debian package {debianPackage}, or set {variable} to the binary");
        }
        return binary;
    }
}
