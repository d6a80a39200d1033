using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// Reads a kubeconfig (reference §10): the chosen or current context, its cluster (server, CA data or file, insecure flag,
/// TLS server name) and its user (token, token file, client certificate and key as data or files). Relative file paths are
/// relative to the kubeconfig's folder. Exec plugins and other auth providers are refused with a message saying so.
/// </summary>
public static class KubeconfigLoader
{
    private static readonly IDeserializer s_yaml = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    public static KubernetesEndpoint Load(string path, string? context, TimeProvider time)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Kubernetes:KubeconfigPath: cannot read \"{path}\": {exception.Message}", exception);
        }
        Kubeconfig config;
        try
        {
            config = s_yaml.Deserialize<Kubeconfig?>(text) ?? new Kubeconfig();
        }
        catch (YamlException exception)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\" is not valid YAML at line {exception.Start.Line}: {exception.Message}", exception);
        }
        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string contextName = context ?? config.CurrentContext
            ?? throw new KubernetesConfigException($"Kubeconfig \"{path}\" has no current-context; set Kubernetes:Context to one of: {Names(config.Contexts)}.");
        KubeconfigContext chosen = Find(config.Contexts, contextName, path, "context");
        KubeconfigCluster cluster = Find(config.Clusters, chosen.Cluster ?? "", path, "cluster");
        KubeconfigUser user = Find(config.Users, chosen.User ?? "", path, "user");
        if (!Uri.TryCreate(cluster.Server, UriKind.Absolute, out Uri? server) || server.Scheme is not ("https" or "http"))
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\", cluster \"{chosen.Cluster}\": server must be an https URL, was \"{cluster.Server}\".");
        }
        if (user.Exec is not null)
        {
            throw new KubernetesConfigException(
                $"Kubeconfig \"{path}\", user \"{chosen.User}\": exec credential plugins are not supported; give the bot a token, a token file or a client certificate.");
        }
        string? caPem = Data(cluster.CertificateAuthorityData, cluster.CertificateAuthority, folder, path, "certificate-authority");
        if (caPem is not null && cluster.InsecureSkipTlsVerify)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\", cluster \"{chosen.Cluster}\": insecure-skip-tls-verify cannot be combined with a certificate authority.");
        }
        return new KubernetesEndpoint
        {
            Server = server,
            CertificateAuthorities = caPem is null ? [] : Certificates(caPem, path, "certificate-authority"),
            InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            Token = user.Token is { Length: > 0 } token ? BearerTokenSource.Fixed(token)
                : user.TokenFile is { Length: > 0 } tokenFile ? BearerTokenSource.FromFile(Path.Combine(folder, tokenFile), time)
                : null,
            ClientCertificate = ClientCertificate(user, folder, path),
            Namespace = chosen.Namespace,
        };
    }

    private static X509Certificate2? ClientCertificate(KubeconfigUser user, string folder, string path)
    {
        string? certificate = Data(user.ClientCertificateData, user.ClientCertificate, folder, path, "client-certificate");
        string? key = Data(user.ClientKeyData, user.ClientKey, folder, path, "client-key");
        if (certificate is null && key is null)
        {
            return null;
        }
        if (certificate is null || key is null)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\": a client certificate needs both client-certificate(-data) and client-key(-data).");
        }
        try
        {
            return X509Certificate2.CreateFromPem(certificate, key);
        }
        catch (CryptographicException exception)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\": client-certificate-data and client-key-data do not hold a PEM certificate and its key: {exception.Message}", exception);
        }
    }

    internal static X509Certificate2Collection Certificates(string pem, string source, string field)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            throw new KubernetesConfigException($"\"{source}\", {field}: not a PEM certificate bundle: {exception.Message}", exception);
        }
        return certificates.Count > 0 ? certificates : throw new KubernetesConfigException($"\"{source}\", {field}: holds no PEM certificate.");
    }

    /// <summary>The base64 <c>…-data</c> field, else the file it names, as PEM text.</summary>
    private static string? Data(string? base64, string? file, string folder, string path, string field)
    {
        if (!string.IsNullOrWhiteSpace(base64))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            }
            catch (FormatException exception)
            {
                throw new KubernetesConfigException($"Kubeconfig \"{path}\", {field}-data: not base64.", exception);
            }
        }
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }
        string full = Path.Combine(folder, file);
        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\", {field}: cannot read \"{full}\": {exception.Message}", exception);
        }
    }

    private static T Find<T>(List<Named<T>> entries, string name, string path, string what)
        where T : class =>
        entries.FirstOrDefault(entry => entry.Name == name)?.Item
            ?? throw new KubernetesConfigException($"Kubeconfig \"{path}\" has no {what} named \"{name}\"; it has: {Names(entries)}.");

    private static string Names<T>(List<Named<T>> entries)
        where T : class => entries.Count == 0 ? "none" : string.Join(", ", entries.Select(entry => entry.Name));
}
