using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using k8s;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// Opens the official client on a configuration from a kubeconfig or the service account, with what the bot adds: its
/// User-Agent, the per-call timeout, a server URL whose path prefix survives (Rancher-style <c>https://host/k8s/clusters/c-1</c>:
/// the client resolves its relative paths against the URL, which drops the last segment unless it ends in '/'), and the
/// server's certificate checked against the cluster's CA <em>and</em> the server's name (or <c>tls-server-name</c>): the
/// client's own check accepts a certificate for any name once the CA signed it. (The client sends <c>tls-server-name</c> as the
/// Host header, which is also the name the TLS handshake asks for and checks.)
/// </summary>
public static class KubernetesConnection
{
    public static readonly string UserAgent = "chatops-incidents/" + Version();

    public static KubernetesClient Open(KubernetesClientConfiguration config, TimeSpan timeout)
    {
        var server = new Uri(config.Host.EndsWith('/') ? config.Host : config.Host + "/");
        config.Host = server.ToString();
        config.UserAgent = UserAgent;
        config.HttpClientTimeout = timeout;
        X509Certificate2Collection? authorities = config.SslCaCerts;
        config.SslCaCerts = null; // the check below replaces the client's
        config.FirstMessageHandlerSetup = handler =>
        {
            handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
            if (authorities is { Count: > 0 } && !config.SkipTlsVerify)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is X509Certificate2 presented
                    && (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) == 0
                    && IsTrusted(presented, authorities);
            }
        };
        return new KubernetesClient(new k8s.Kubernetes(config), server, timeout);
    }

    /// <summary>A PEM bundle of CA certificates; <paramref name="source"/> names where it came from in the error.</summary>
    public static X509Certificate2Collection Certificates(string pem, string source)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            throw new KubernetesConfigException($"{source}: not a PEM certificate bundle: {exception.Message}", exception);
        }
        return certificates.Count > 0 ? certificates : throw new KubernetesConfigException($"{source}: holds no PEM certificate.");
    }

    private static bool IsTrusted(X509Certificate2 server, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    private static string Version()
    {
        string version = typeof(KubernetesConnection).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return version.Split('+')[0]; // without the source revision the SDK appends
    }
}
