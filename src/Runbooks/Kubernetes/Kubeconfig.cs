using YamlDotNet.Serialization;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>The kubeconfig file as YAML (client-go's clientcmd v1 types), only the fields the bot reads.</summary>
internal sealed class Kubeconfig
{
    [YamlMember(Alias = "current-context", ApplyNamingConventions = false)]
    public string? CurrentContext { get; set; }

    public List<Named<KubeconfigCluster>> Clusters { get; set; } = [];

    public List<Named<KubeconfigUser>> Users { get; set; } = [];

    public List<Named<KubeconfigContext>> Contexts { get; set; } = [];
}
