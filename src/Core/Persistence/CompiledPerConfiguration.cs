using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// An EF Core compiled query for the hot paths, where looking the query up in EF Core's translation cache costs more than
/// running it. EF Core compiles it with the services of the context that first runs it, so it is compiled once per context
/// configuration (its options), not once per model: the compiled models are one model per provider for the whole process,
/// which several bots share in the tests, and reusing the first bot's compilation left a second bot's incident card unedited.
/// </summary>
internal sealed class CompiledPerConfiguration<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConditionalWeakTable<IDbContextOptions, TQuery> _compiled = [];

    public TQuery For(DbContext db) => _compiled.GetValue(db.GetService<IDbContextOptions>(), _ => compile());
}
