using System.Text;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

/// <summary>Writes kubeconfig variants (see <c>KubernetesStandIn.Kubeconfig</c>) where the loader reads them.</summary>
internal static class Kubeconfigs
{
    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string Write(string folder, string content, string name = "config")
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
