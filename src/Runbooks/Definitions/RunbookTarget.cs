using System.Text.RegularExpressions;
using ChatOpsIncidents.Runbooks.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// A deployment a runbook may act on: a namespace and a deployment name, each exact or a pattern where <c>*</c> stands for
/// any run of name characters (<c>checkout-*</c>). Alert labels and parameters only choose among a runbook's targets.
/// </summary>
public sealed record RunbookTarget(string Namespace, string Deployment)
{
    private readonly Regex _namespace = Glob(Namespace);
    private readonly Regex _deployment = Glob(Deployment);

    public bool Matches(DeploymentRef deployment) => _namespace.IsMatch(deployment.Namespace) && _deployment.IsMatch(deployment.Name);

    /// <summary>"payments/checkout-*".</summary>
    public override string ToString() => $"{Namespace}/{Deployment}";

    private static Regex Glob(string pattern) =>
        new($"^{Regex.Escape(pattern).Replace(@"\*", "[-a-z0-9.]*", StringComparison.Ordinal)}$", RegexOptions.CultureInvariant);
}
