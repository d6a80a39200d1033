using System.Diagnostics.CodeAnalysis;

namespace ChatOpsIncidents.TestSupport;

/// <summary>What a test does when a real server (PostgreSQL, Alertmanager, promtool...) cannot be had.</summary>
public static class RealServers
{
    /// <summary>True when the environment variable <c>CI</c> is "true" (any case).</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Skips the current test with <paramref name="reason"/> shown in the results, or under <c>CI=true</c>
    /// fails it, because CI must run every real-server test.
    /// </summary>
    [DoesNotReturn]
    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail($"A real server is required under CI=true: {reason}");
        }
        Assert.Skip(reason);
    }
}
