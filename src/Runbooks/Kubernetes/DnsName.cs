using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// Kubernetes object names (RFC 1123): a label (namespaces, containers) is at most 63 lower-case letters, digits and '-',
/// starting and ending alphanumeric; a subdomain (deployments, pods) is dot-separated labels, at most 253 characters.
/// </summary>
public static partial class DnsName
{
    public static bool IsLabel([NotNullWhen(true)] string? name) => name is { Length: > 0 and <= 63 } && Label().IsMatch(name);

    public static bool IsSubdomain([NotNullWhen(true)] string? name) => name is { Length: > 0 and <= 253 } && Subdomain().IsMatch(name);

    public static void RequireLabel(string? name, string what)
    {
        if (!IsLabel(name))
        {
            throw new InvalidKubernetesNameException(
                $"“{name}” is not a valid {what}: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.");
        }
    }

    public static void RequireSubdomain(string? name, string what)
    {
        if (!IsSubdomain(name))
        {
            throw new InvalidKubernetesNameException(
                $"“{name}” is not a valid {what}: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters.");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
