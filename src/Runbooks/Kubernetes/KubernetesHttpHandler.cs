using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The TLS side of an endpoint: trusts the cluster's CA alone (not the machine store), presents the client certificate,
/// and checks the server's name unless the kubeconfig turned verification off.
/// </summary>
internal static class KubernetesHttpHandler
{
    public static SocketsHttpHandler Create(KubernetesEndpoint endpoint)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (endpoint.ClientCertificate is { } certificate)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }
        if (endpoint.TlsServerName is { } serverName)
        {
            handler.SslOptions.TargetHost = serverName;
        }
        if (endpoint.InsecureSkipTlsVerify)
        {
            // The kubeconfig's insecure-skip-tls-verify asks for exactly this (kubectl honours it too); the loader refuses it next to a CA.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (endpoint.CertificateAuthorities.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 server
                && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                && (errors & SslPolicyErrors.RemoteCertificateNotAvailable) == 0
                && IsTrusted(server, endpoint.CertificateAuthorities);
        }
        return handler;
    }

    private static bool IsTrusted(X509Certificate2 server, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
