using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// An EF Core compiled query for the hot paths, where looking the query up in EF Core's translation cache costs more than
/// running it. A compiled query serves one model, and each database provider builds its own (their conventions differ),
/// so it is compiled once per model.
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : Delegate
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = [];

    public TQuery For(DbContext db) => _compiled.GetValue(db.Model, _ => compile());
}
