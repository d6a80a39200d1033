namespace ChatOpsIncidents.TestSupport;

/// <summary>Finds programs the way a shell would.</summary>
internal static class Executables
{
    /// <summary>The full path of <paramref name="name"/> in a folder on PATH, or null.</summary>
    public static string? OnPath(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, name);
            if (IsExecutable(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The value of environment variable <paramref name="variable"/> when set, else the first of <paramref name="names"/> on PATH.</summary>
    public static string? FromEnvironmentOrPath(string variable, params string[] names)
    {
        string? configured = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        return names.Select(OnPath).FirstOrDefault(found => found is not null);
    }

    public static bool IsExecutable(string path) =>
        File.Exists(path)
        && (OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    /// <summary>The folder of the file a (possibly symlinked) path ends at: /usr/local/bin/pg_ctl → /usr/lib/postgresql/15/bin.</summary>
    public static string RealDirectory(string path)
    {
        string real = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        return Path.GetDirectoryName(real)!;
    }
}
