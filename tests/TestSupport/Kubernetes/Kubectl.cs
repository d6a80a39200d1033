namespace ChatOpsIncidents.TestSupport.Kubernetes;

/// <summary>
/// The real kubectl (1.32, shipped with the machine image; or <c>KUBECTL_BIN</c>), run against a kubeconfig with a time limit
/// and a discovery cache of its own. Without it the test is skipped (failed under CI=true): Debian's kubernetes-client is
/// far older and no substitute.
/// </summary>
public static class Kubectl
{
    private static readonly TimeSpan s_timeLimit = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(string kubeconfig, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? standardInput = null)
    {
        string? kubectl = Executables.FromEnvironmentOrPath("KUBECTL_BIN", "kubectl");
        if (kubectl is null || !Executables.IsExecutable(kubectl))
        {
            RealServers.Unavailable("kubectl not found: the machine image ships kubectl 1.32 at /usr/bin/kubectl (Debian's kubernetes-client is not a substitute); or set KUBECTL_BIN");
        }
        string folder = Path.GetDirectoryName(kubeconfig)!;
        (int exitCode, string output) = await ProcessRunner.RunAsync(
            kubectl, ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(folder, "kubectl-cache"), .. arguments], folder, s_timeLimit, cancellationToken, standardInput);
        Assert.True(exitCode == 0, $"{ProcessRunner.Describe("kubectl", arguments)} exited with {exitCode}:\n{output}");
        return output;
    }
}
