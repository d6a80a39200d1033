namespace ChatOpsIncidents.Bot.Tests.Alertmanager;

/// <summary>The example deliveries from the Alertmanager reference notes, checked in under Payloads/.</summary>
internal static class Payloads
{
    public static string Firing => Read("firing.json");

    public static string Resolved => Read("resolved.json");

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Alertmanager", "Payloads", name));
}
