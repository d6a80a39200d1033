namespace ChatOpsIncidents.Core.Slos;

/// <summary>Pieces of PromQL written from values.</summary>
public static class PromQl
{
    /// <summary>A double-quoted PromQL string holding exactly <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The label matchers that pick one SLO's series, as Sloth writes them: <c>{sloth_id="…", sloth_service="…", sloth_slo="…"}</c>.</summary>
    public static string SloFilter(Slo slo)
    {
        ArgumentNullException.ThrowIfNull(slo);
        return $"{{{SlothNames.IdLabel}={Quote(slo.Id)}, {SlothNames.ServiceLabel}={Quote(slo.Service)}, {SlothNames.SloLabel}={Quote(slo.Name)}}}";
    }
}
