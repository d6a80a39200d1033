using System.Text;
using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

/// <summary>Kubeconfig files pointing at the Kubernetes stand-in, in the variants people write them.</summary>
internal static class Kubeconfigs
{
    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    /// <summary>A token user and the CA as data, in context "stand-in" (the current one).</summary>
    public static string WithToken(KubernetesStandIn k8s, string token = KubernetesStandIn.Token) => $"""
        apiVersion: v1
        kind: Config
        current-context: stand-in
        preferences: {"{}"}
        clusters:
          - name: local
            cluster:
              server: {k8s.Server.ToString().TrimEnd('/')}
              certificate-authority-data: {Base64(k8s.Certificates.AuthorityPem)}
        users:
          - name: bot
            user:
              token: {token}
        contexts:
          - name: stand-in
            context:
              cluster: local
              user: bot
              namespace: payments
        """;

    public static string Write(string folder, string content, string name = "config")
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
