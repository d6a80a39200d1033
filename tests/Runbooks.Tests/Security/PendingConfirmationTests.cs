using ChatOpsIncidents.Core.Runs;
using ChatOpsIncidents.Runbooks.Tests.Execution;
using ChatOpsIncidents.TestSupport;
using ChatOpsIncidents.TestSupport.Kubernetes;
using Microsoft.Extensions.DependencyInjection;

namespace ChatOpsIncidents.Runbooks.Tests.Security;

/// <summary>Issue 16, finding 4: a stored confirmation is consumed once, by its person, before it expires, on both databases.</summary>
public sealed class PendingConfirmationTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_clicks_at_once_consume_the_confirmation_once_and_another_person_or_a_late_click_consumes_nothing(bool onPostgres)
    {
        await using KubernetesStandIn k8s = await KubernetesStandIn.StartAsync(Ct);
        string? database = onPostgres ? await postgres.CreateDatabaseAsync(Ct) : null;
        await using RunbookHarness harness = await RunbookHarness.StartAsync(k8s, TestRunbooks.All, database);
        var parameters = new Dictionary<string, string> { ["namespace"] = "payments", ["deployment"] = "checkout-api" };
        Guid raced = await AddAsync(harness, parameters);
        Guid late = await AddAsync(harness, parameters);

        PendingRunbookRun?[] clicks = await Task.WhenAll(ConsumeAsync(harness, raced, "U0ONCALL1"), ConsumeAsync(harness, raced, "U0ONCALL1"));
        PendingRunbookRun? otherPerson = await ConsumeAsync(harness, late, "U0ALICE01");
        harness.Time.Advance(TimeSpan.FromMinutes(11));
        PendingRunbookRun? afterExpiry = await ConsumeAsync(harness, late, "U0ONCALL1");

        PendingRunbookRun consumed = Assert.Single(clicks, click => click is not null)!;
        Assert.Equal("restricted-restart", consumed.RunbookId);
        Assert.Equal(parameters, consumed.Parameters);
        Assert.Null(otherPerson);
        Assert.Null(afterExpiry);
    }

    private static async Task<Guid> AddAsync(RunbookHarness harness, Dictionary<string, string> parameters)
    {
        await using AsyncServiceScope scope = harness.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PendingRunbookRuns>()
            .AddAsync("restricted-restart", null, parameters, "U0ONCALL1", TimeSpan.FromMinutes(10), Ct);
    }

    private static async Task<PendingRunbookRun?> ConsumeAsync(RunbookHarness harness, Guid id, string user)
    {
        await using AsyncServiceScope scope = harness.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PendingRunbookRuns>().ConsumeAsync(id, user, Ct);
    }
}
