using System.Security.Cryptography.X509Certificates;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// Where the API server is and how to talk to it, from a kubeconfig or from inside the cluster: the server URL, whom to
/// trust (<see cref="CertificateAuthorities"/>, or nobody checked with <see cref="InsecureSkipTlsVerify"/>), and who the bot
/// is (a bearer token, a client certificate, or both).
/// </summary>
public sealed class KubernetesEndpoint
{
    public required Uri Server { get; init; }

    public X509Certificate2Collection CertificateAuthorities { get; init; } = [];

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name to check the server certificate against instead of the URL's host (kubeconfig <c>tls-server-name</c>).</summary>
    public string? TlsServerName { get; init; }

    public BearerTokenSource? Token { get; init; }

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The context's namespace, or the pod's own namespace in the cluster.</summary>
    public string? Namespace { get; init; }
}
