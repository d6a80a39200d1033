namespace ChatOpsIncidents.Runbooks;

public sealed class RunbookOptions
{
    public const string Section = "Runbooks";

    /// <summary>The folder of runbook files; a relative path is relative to the bot's own folder, where the build copies runbooks/.</summary>
    public string Directory { get; set; } = "runbooks";

    public string FullDirectory => Path.GetFullPath(Directory, AppContext.BaseDirectory);

    /// <summary>
    /// Names this bot instance in the runs it starts, so that at its next start it marks its own unfinished runs as
    /// interrupted. Empty means the machine name (the pod name in Kubernetes); give each replica its own.
    /// </summary>
    public string InstanceName { get; set; } = "";

    public string EffectiveInstanceName => string.IsNullOrWhiteSpace(InstanceName) ? Environment.MachineName : InstanceName;

    /// <summary>A running run without a sign of life for this long was cut short (its bot instance died).</summary>
    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long a confirmation shown to a person stays usable; it runs at most once.</summary>
    public TimeSpan ConfirmationExpiry { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Regular expressions of more secrets to take out of what runs gather, besides the built-in ones.</summary>
    public List<string> RedactPatterns { get; set; } = [];
}
