using ChatOpsIncidents.TestSupport;
using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Tests.Kubernetes;

/// <summary>
/// Configuration tests: a fresh Kubernetes stand-in with deployment payments/checkout-api, an empty temporary folder for the
/// files under test, and a manual clock, for every test.
/// </summary>
public abstract class KubernetesFolderTests(string folderPrefix) : IAsyncLifetime
{
    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    protected KubernetesStandIn K8s { get; private set; } = null!;

    protected string Folder { get; private set; } = "";

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        K8s = await KubernetesStandIn.StartAsync(Ct);
        K8s.Cluster.AddDeployment("payments", "checkout-api");
        Folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;
    }

    public async ValueTask DisposeAsync()
    {
        await K8s.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
