using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// The URL of an <c>http.check</c>: templates may fill only its host (and port), which must be one of the step's
/// <c>allowed_hosts</c>; link-local and cloud metadata addresses and the Kubernetes API server are refused unless listed
/// (here as written; <see cref="Execution.Steps.HttpCheckConnector"/> checks again what a host name resolves to).
/// </summary>
public static partial class HttpUrlTemplate
{
    private static readonly IPNetwork s_linkLocalV4 = IPNetwork.Parse("169.254.0.0/16");
    private static readonly IPNetwork s_linkLocalV6 = IPNetwork.Parse("fe80::/10");
    private static readonly IPAddress s_awsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>Where the host (and port) of an http(s) URL or URL template ends: the first '/', '?' or '#' after "://".</summary>
    public static int AuthorityEnd(string url)
    {
        int start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        int end = url.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? url.Length : end;
    }

    public static bool IsHostPattern(string pattern) => HostPattern().IsMatch(pattern);

    /// <summary>
    /// Why the URL rendered from <paramref name="template"/> may not be checked, or null when it may: a value that reached
    /// beyond the host, a host outside <paramref name="allowedHosts"/>, or an address refused unless listed.
    /// </summary>
    public static string? Problem(string template, Uri url, IReadOnlyList<string> allowedHosts, Uri? kubernetesServer)
    {
        string fixedTail = template[AuthorityEnd(template)..];
        string rendered = url.OriginalString;
        int authorityStart = rendered.IndexOf("://", StringComparison.Ordinal) + 3;
        bool templated = template.Contains("{{", StringComparison.Ordinal);
        if (templated && (!rendered.EndsWith(fixedTail, StringComparison.Ordinal) || !Authority().IsMatch(rendered[authorityStart..^fixedTail.Length])))
        {
            return $"“{rendered}” is not “{template}” with a host filled in: a label may give only the host (and port).";
        }
        string host = url.IdnHost;
        string hostAndPort = $"{host}:{url.Port}";
        bool listed = Lists(allowedHosts, host, url.Port);
        if (!listed && IsRefusedUnlessListed(host, url.Port, kubernetesServer))
        {
            return $"{url.Host} is a link-local, metadata or Kubernetes API address: only an allowed_hosts entry naming it exactly lets a check reach it.";
        }
        if (templated && !listed && !allowedHosts.Any(allowed => Glob(allowed).IsMatch(allowed.Contains(':') ? hostAndPort : host)))
        {
            return $"{url.Authority} is not one of the step's allowed_hosts ({string.Join(", ", allowedHosts)}).";
        }
        return null;
    }

    /// <summary>Whether <paramref name="allowedHosts"/> names <paramref name="host"/> (or host:port) exactly, not by a pattern.</summary>
    public static bool Lists(IReadOnlyList<string> allowedHosts, string host, int port) =>
        allowedHosts.Any(allowed => allowed == host || allowed == $"{host}:{port}");

    /// <summary>Link-local (169.254.0.0/16, fe80::/10, where cloud metadata services answer) or AWS's IPv6 metadata address.</summary>
    public static bool IsLinkLocalOrMetadata(IPAddress address)
    {
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return address.AddressFamily == AddressFamily.InterNetwork
            ? s_linkLocalV4.Contains(address)
            : s_linkLocalV6.Contains(address) || address.Equals(s_awsMetadataV6);
    }

    private static bool IsRefusedUnlessListed(string host, int port, Uri? kubernetesServer)
    {
        if (kubernetesServer is not null && string.Equals(kubernetesServer.IdnHost, host, StringComparison.OrdinalIgnoreCase) && kubernetesServer.Port == port)
        {
            return true;
        }
        return IPAddress.TryParse(host, out IPAddress? address)
            ? IsLinkLocalOrMetadata(address)
            : string.Equals(host, "metadata.google.internal", StringComparison.OrdinalIgnoreCase);
    }

    private static Regex Glob(string pattern) =>
        new($"^{Regex.Escape(pattern).Replace(@"\*", "[-a-z0-9]*", StringComparison.Ordinal)}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    [GeneratedRegex(@"^[A-Za-z0-9*.-]+(:([0-9]{1,5}|\*))?$")]
    private static partial Regex HostPattern();

    /// <summary>A host name or IPv4 address, with an optional port: nothing that could reach into the path, the query or a user.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9.-]+(:[0-9]{1,5})?$")]
    private static partial Regex Authority();
}
