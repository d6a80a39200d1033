using ChatOpsIncidents.TestSupport.Kubernetes;

namespace ChatOpsIncidents.Runbooks.Tests.Execution;

/// <summary>
/// Runner tests on a fresh Kubernetes stand-in with deployment payments/checkout-api and a runbook harness, the test
/// runbooks loaded, for every test.
/// </summary>
public abstract class CheckoutApiRunbookTests : IAsyncLifetime
{
    protected KubernetesStandIn K8s { get; private set; } = null!;

    private protected RunbookHarness Harness { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        K8s = await KubernetesStandIn.StartAsync(TestContext.Current.CancellationToken);
        K8s.Cluster.AddDeployment("payments", "checkout-api");
        Harness = await RunbookHarness.StartAsync(K8s, TestRunbooks.All);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await K8s.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
