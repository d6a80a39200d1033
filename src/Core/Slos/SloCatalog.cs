namespace ChatOpsIncidents.Core.Slos;

/// <summary>The SLOs the bot was given (<c>Slos:Files</c>), in file order.</summary>
public sealed class SloCatalog(IReadOnlyList<Slo> slos)
{
    public IReadOnlyList<Slo> All => slos;

    /// <summary>The SLO with Sloth id <paramref name="id"/> (<c>&lt;service&gt;-&lt;name&gt;</c>), or null.</summary>
    public Slo? Find(string id) => slos.FirstOrDefault(slo => slo.Id == id);

    /// <summary>
    /// The SLO a burn-rate alert belongs to, from the labels Sloth's rules give it: <c>sloth_id</c>, else
    /// <c>sloth_service</c> and <c>sloth_slo</c>. Null for any other alert.
    /// </summary>
    public Slo? FindForAlert(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.TryGetValue(SlothNames.IdLabel, out string? id))
        {
            return Find(id);
        }
        return labels.TryGetValue(SlothNames.ServiceLabel, out string? service) && labels.TryGetValue(SlothNames.SloLabel, out string? name)
            ? slos.FirstOrDefault(slo => slo.Service == service && slo.Name == name)
            : null;
    }
}
