namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// A deployment by namespace and name, both checked (DNS-1123) when it is made, so every request built from it is well
/// formed. Runbook steps get one when they are planned and hand it to every Kubernetes call.
/// </summary>
public sealed record DeploymentRef
{
    private DeploymentRef(string ns, string name)
    {
        Namespace = ns;
        Name = name;
    }

    public string Namespace { get; }

    public string Name { get; }

    /// <exception cref="InvalidKubernetesNameException">The namespace or the name is not DNS-1123.</exception>
    public static DeploymentRef Create(string ns, string name)
    {
        DnsName.RequireLabel(ns, "namespace");
        DnsName.RequireSubdomain(name, "deployment name");
        return new DeploymentRef(ns, name);
    }

    /// <summary>"payments/checkout-api".</summary>
    public override string ToString() => $"{Namespace}/{Name}";
}
