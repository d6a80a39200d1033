namespace ChatOpsIncidents.Core.Incidents;

/// <summary>Of the incidents one alert opened in a period, how many there were and how many were marked not actionable.</summary>
public sealed record AlertNoise(string AlertName, int Incidents, int MarkedNoise)
{
    /// <summary>Stands for incidents with no <c>alertname</c> label: declared by hand, or opened by other events.</summary>
    public const string NoAlertName = "(no alert name)";
}
