using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

internal sealed class KubernetesOptionsValidator : IValidateOptions<KubernetesOptions>
{
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        List<string> failures = [];
        if (options.InCluster && !string.IsNullOrWhiteSpace(options.KubeconfigPath))
        {
            failures.Add("Kubernetes:InCluster and Kubernetes:KubeconfigPath are both set: choose one.");
        }
        if (options.KubeconfigPath is { } path && path.Contains(Path.PathSeparator, StringComparison.Ordinal) && !File.Exists(path))
        {
            failures.Add($"Kubernetes:KubeconfigPath names several files (\"{path}\"), as KUBECONFIG may, but the bot reads one kubeconfig: "
                + $"merge them with `KUBECONFIG={path} kubectl config view --flatten > merged.yaml` and name that file.");
        }
        else if (!string.IsNullOrWhiteSpace(options.KubeconfigPath) && !File.Exists(options.KubeconfigPath))
        {
            failures.Add($"Kubernetes:KubeconfigPath names \"{options.KubeconfigPath}\", which does not exist.");
        }
        if (options.IsConfigured && options.AllowedNamespaces.Length == 0)
        {
            failures.Add("Kubernetes:AllowedNamespaces must list the namespaces runbooks may touch, such as [\"payments\"]; it is empty.");
        }
        foreach (string ns in options.AllowedNamespaces.Where(ns => !DnsName.IsLabel(ns)))
        {
            failures.Add($"Kubernetes:AllowedNamespaces holds \"{ns}\", which is not a namespace name (lower-case letters, digits and '-').");
        }
        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Kubernetes:RequestTimeout must be a positive duration such as \"00:00:30\", was \"{options.RequestTimeout}\".");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
