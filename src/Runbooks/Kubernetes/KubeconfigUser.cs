using YamlDotNet.Serialization;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

internal sealed class KubeconfigUser
{
    public string? Token { get; set; }

    public string? TokenFile { get; set; }

    [YamlMember(Alias = "client-certificate-data", ApplyNamingConventions = false)]
    public string? ClientCertificateData { get; set; }

    [YamlMember(Alias = "client-key-data", ApplyNamingConventions = false)]
    public string? ClientKeyData { get; set; }

    [YamlMember(Alias = "client-certificate", ApplyNamingConventions = false)]
    public string? ClientCertificate { get; set; }

    [YamlMember(Alias = "client-key", ApplyNamingConventions = false)]
    public string? ClientKey { get; set; }

    /// <summary>Exec credential plugins are recognised only to refuse them with a clear message.</summary>
    public object? Exec { get; set; }
}
