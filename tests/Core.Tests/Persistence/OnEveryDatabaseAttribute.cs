using System.Reflection;
using ChatOpsIncidents.Core.Persistence;
using Xunit.Sdk;
using Xunit.v3;

namespace ChatOpsIncidents.Core.Tests.Persistence;

/// <summary>Runs a theory once per supported database provider: the same behaviour must hold on SQLite and PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OnEveryDatabaseAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker) =>
        ValueTask.FromResult<IReadOnlyCollection<ITheoryDataRow>>(
            [.. Enum.GetValues<DatabaseProvider>().Select(provider => new TheoryDataRow<DatabaseProvider>(provider))]);

    public override bool SupportsDiscoveryEnumeration() => true;
}
