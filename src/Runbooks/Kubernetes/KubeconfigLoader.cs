using System.Security.Cryptography;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// Loads a kubeconfig with the official client (<c>LoadKubeConfig</c> and <c>BuildConfigFromConfigObject</c>, which is what
/// its <c>BuildConfigFromConfigFile</c> does: the chosen or current context, CA data or file, insecure flag, TLS server name,
/// token, client certificate, exec credential plugins), after checking the chosen
/// context's cluster and user for what the client would quietly ignore or get wrong: a setting it does not honour
/// (auth-provider, username/password, impersonation, proxy-url…) stops the start naming it, and so do credentials for a
/// plain-http server. <c>tokenFile</c>, which the client ignores, is honoured here. Relative paths are relative to the file.
/// </summary>
public static class KubeconfigLoader
{
    private static readonly HashSet<string> s_clusterSettings = ["server", "certificate-authority", "certificate-authority-data", "insecure-skip-tls-verify", "tls-server-name", "extensions"];
    private static readonly HashSet<string> s_userSettings = ["token", "tokenFile", "client-certificate", "client-certificate-data", "client-key", "client-key-data", "exec", "extensions"];
    private static readonly HashSet<string> s_execSettings = ["apiVersion", "command", "args", "env", "installHint", "interactiveMode"];

    private static readonly Dictionary<string, string> s_why = new()
    {
        ["auth-provider"] = "legacy auth providers are not supported; use the exec credential plugin that replaced it (kubelogin, gke-gcloud-auth-plugin, aws eks get-token)",
        ["username"] = "basic authentication is not supported; use a token, a client certificate or an exec credential plugin",
        ["password"] = "basic authentication is not supported; use a token, a client certificate or an exec credential plugin",
        ["as"] = "impersonation is not supported, so the bot would act with the base identity and its rights; give the bot an identity of its own",
        ["as-groups"] = "impersonation is not supported, so the bot would act with the base identity and its rights; give the bot an identity of its own",
        ["as-uid"] = "impersonation is not supported, so the bot would act with the base identity and its rights; give the bot an identity of its own",
        ["as-user-extra"] = "impersonation is not supported, so the bot would act with the base identity and its rights; give the bot an identity of its own",
        ["proxy-url"] = "proxies are not supported; the bot connects to the server directly",
        ["provideClusterInfo"] = "the Kubernetes client does not give exec plugins the cluster's details",
    };

    public static KubernetesClientConfiguration Load(string path, string? context, TimeProvider time)
    {
        string text = Read(path, path, "Kubernetes:KubeconfigPath");
        YamlMappingNode root = Parse(text, path);
        string contextName = context ?? Scalar(root, "current-context")
            ?? throw new KubernetesConfigException($"Kubeconfig \"{path}\" has no current-context; set Kubernetes:Context to one of: {Names(root, "contexts")}.");
        YamlMappingNode chosen = Entry(root, "contexts", "context", contextName, path);
        string clusterName = Scalar(chosen, "cluster") ?? "";
        string userName = Scalar(chosen, "user") ?? "";
        YamlMappingNode cluster = Entry(root, "clusters", "cluster", clusterName, path);
        YamlMappingNode user = Entry(root, "users", "user", userName, path);
        Refuse(path, $"cluster \"{clusterName}\"", cluster.Children, s_clusterSettings);
        Refuse(path, $"user \"{userName}\"", user.Children, s_userSettings);
        if (Child(user, "exec") is YamlMappingNode exec)
        {
            Refuse(path, $"user \"{userName}\", exec", exec.Children.Where(s => !(s.Key.ToString() == "provideClusterInfo" && s.Value.ToString() == "false")), s_execSettings);
        }
        CheckServer(path, clusterName, cluster, credentials: user.Children.Keys.Any(key => key.ToString() != "extensions"));

        string folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string? tokenFile = Scalar(user, "token") is null && Scalar(user, "tokenFile") is { } file ? Path.Combine(folder, file) : null;
        KubernetesClientConfiguration config = Build(path, contextName, userName, tokenFile);
        if (tokenFile is not null)
        {
            config.TokenProvider = new TokenFile(tokenFile, time);
        }
        return config;
    }

    private static KubernetesClientConfiguration Build(string path, string context, string userName, string? tokenFile)
    {
        try
        {
            K8SConfiguration kubeconfig = KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(path));
            if (tokenFile is not null)
            {
                // The client knows no tokenFile and refuses a user without credentials: give it the token as it is now.
                kubeconfig.Users.First(u => u.Name == userName).UserCredentials.Token = Read(tokenFile, path, "tokenFile").Trim();
            }
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, context);
        }
        catch (Exception exception) when (exception is KubeConfigException or FormatException or CryptographicException or IOException or YamlException)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\", context \"{context}\": {exception.Message}", exception);
        }
    }

    /// <summary>Kubectl never sends credentials without TLS; neither does the bot.</summary>
    private static void CheckServer(string path, string clusterName, YamlMappingNode cluster, bool credentials)
    {
        string? server = Scalar(cluster, "server");
        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\", cluster \"{clusterName}\": server must be an https URL, was \"{server}\".");
        }
        if (uri.Scheme == "http" && credentials)
        {
            throw new KubernetesConfigException(
                $"Kubeconfig \"{path}\", cluster \"{clusterName}\": server \"{server}\" is plain http, and the bot sends credentials only over https: use the server's https URL.");
        }
        bool hasAuthority = Scalar(cluster, "certificate-authority-data") is not null || Scalar(cluster, "certificate-authority") is not null;
        if (hasAuthority && Scalar(cluster, "insecure-skip-tls-verify") == "true")
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\", cluster \"{clusterName}\": insecure-skip-tls-verify cannot be combined with a certificate authority.");
        }
    }

    private static void Refuse(string path, string where, IEnumerable<KeyValuePair<YamlNode, YamlNode>> settings, HashSet<string> honoured)
    {
        foreach (string name in settings.Select(setting => setting.Key.ToString()))
        {
            if (!honoured.Contains(name))
            {
                string why = s_why.GetValueOrDefault(name, "the bot's Kubernetes client does not support it");
                throw new KubernetesConfigException($"Kubeconfig \"{path}\", {where}: \"{name}\" is not supported: {why}. Remove it, or choose another context with Kubernetes:Context.");
            }
        }
    }

    private static string Read(string file, string kubeconfig, string field)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{kubeconfig}\", {field}: cannot read \"{file}\": {exception.Message}", exception);
        }
    }

    private static YamlMappingNode Parse(string text, string path)
    {
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return yaml.Documents.FirstOrDefault()?.RootNode as YamlMappingNode ?? new YamlMappingNode();
        }
        catch (YamlException exception)
        {
            throw new KubernetesConfigException($"Kubeconfig \"{path}\" is not valid YAML at line {exception.Start.Line}: {exception.Message}", exception);
        }
    }

    /// <summary>The item under <paramref name="item"/> of the entry named <paramref name="name"/> in the list <paramref name="list"/>.</summary>
    private static YamlMappingNode Entry(YamlMappingNode root, string list, string item, string name, string path) =>
        (Items(root, list).FirstOrDefault(entry => Scalar(entry, "name") == name) is { } entry ? Child(entry, item) as YamlMappingNode : null)
            ?? throw new KubernetesConfigException($"Kubeconfig \"{path}\" has no {item} named \"{name}\"; it has: {Names(root, list)}.");

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode root, string list) =>
        Child(root, list) is YamlSequenceNode entries ? entries.OfType<YamlMappingNode>() : [];

    private static string Names(YamlMappingNode root, string list) =>
        string.Join(", ", Items(root, list).Select(entry => Scalar(entry, "name"))) is { Length: > 0 } names ? names : "none";

    private static string? Scalar(YamlMappingNode node, string key) =>
        Child(node, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    private static YamlNode? Child(YamlMappingNode node, string key) => node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child) ? child : null;
}
