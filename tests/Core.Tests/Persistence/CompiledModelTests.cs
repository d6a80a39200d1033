using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ChatOpsIncidents.Core.Tests.Persistence;

/// <summary>
/// The bot runs on the compiled models (<c>Persistence/CompiledModels</c>), generated from the model the configurations build by
/// conventions: a change to an entity or a configuration without regenerating them would otherwise go unnoticed at run time.
/// </summary>
public sealed class CompiledModelTests
{
    /// <summary>
    /// What the two describe differently and rightly: the table mapping a compiled model writes out on each complex type (its
    /// entity's table, compared through the relational model) and an index's method, which only migrations need.
    /// </summary>
    private static readonly string[] s_notCompared =
        ["Annotations:", "Relational:FunctionName:", "Relational:Schema:", "Relational:SqlQuery:", "Relational:TableName:", "Relational:ViewName:", "Relational:ViewSchema:", "Npgsql:IndexMethod:"];

    [Theory, OnEveryDatabase]
    public void The_compiled_model_of_each_provider_equals_the_model_built_by_conventions(DatabaseProvider provider)
    {
        var asTheBotRuns = new DbContextOptionsBuilder<IncidentsDbContext>();
        CoreServiceCollectionExtensions.UseDatabase(asTheBotRuns, new DatabaseOptions { Provider = provider, SqlitePath = "unused.db", ConnectionString = "Host=unused" });
        using var compiled = new IncidentsDbContext(asTheBotRuns.Options);
        using var byConventions = new IncidentsDbContext(WithoutCompiledModel(provider));

        IModel used = compiled.Model;
        IModel built = byConventions.Model;

        Assert.NotSame(built, used);
        Assert.Equal(Describe(built), Describe(used));
        Assert.Equal(built.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault), used.GetRelationalModel().ToDebugString(MetadataDebugStringOptions.LongDefault));
    }

    /// <summary>Entities, properties, keys, indexes and relationships with their annotations (column facets, converters, index filters).</summary>
    private static List<string> Describe(IModel model) =>
        [.. model.ToDebugString(MetadataDebugStringOptions.LongDefault).Split('\n').Where(line => !s_notCompared.Any(line.TrimStart().StartsWith))];

    private static DbContextOptions<IncidentsDbContext> WithoutCompiledModel(DatabaseProvider provider)
    {
        var builder = new DbContextOptionsBuilder<IncidentsDbContext>();
        return (provider == DatabaseProvider.Postgres ? builder.UseNpgsql("Host=unused") : builder.UseSqlite("Data Source=unused.db")).Options;
    }
}
