using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// What lists show of an incident: its small fields only, without description, labels, alerts or timeline, so that listing
/// many incidents reads only what it shows.
/// </summary>
public sealed record IncidentSummary(
    long Id,
    string Title,
    IncidentStatus Status,
    Severity Severity,
    IncidentSource Source,
    string? Service,
    string? Environment,
    string? Namespace,
    string? Commander,
    string? Assignee,
    DateTimeOffset DetectedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset TriggeredAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    long? StormIncidentId)
{
    /// <summary>The projection a query selects; <see cref="Of"/> applies the same to an incident in memory.</summary>
    internal static readonly Expression<Func<Incident, IncidentSummary>> Projection = i => new IncidentSummary(
        i.Id, i.Title, i.Status, i.Severity, i.Source, i.Service, i.Environment, i.Namespace, i.Commander, i.Assignee,
        i.DetectedAt, i.OpenedAt, i.TriggeredAt, i.AcknowledgedAt, i.ResolvedAt, i.StormIncidentId);

    private static readonly Func<Incident, IncidentSummary> s_of = Projection.Compile();

    public IncidentKey Key => new(Id);

    /// <summary>The storm incident this incident is attached to, if any.</summary>
    public IncidentKey? Storm => StormIncidentId is { } storm ? new IncidentKey(storm) : null;

    /// <summary>Time to acknowledge and to resolve.</summary>
    public IncidentTimes Times => new(Service, Severity, OpenedAt, TriggeredAt, AcknowledgedAt, ResolvedAt);

    public static IncidentSummary Of(Incident incident) => s_of(incident);

    /// <summary>
    /// <paramref name="query"/> with each call of <see cref="Of"/> replaced by <see cref="Projection"/>, so that a query can select
    /// the summary beside other values (written <c>IncidentSummary.Of(i)</c>) and still read only the summary's columns.
    /// </summary>
    internal static Expression<Func<T, TResult>> Inlined<T, TResult>(Expression<Func<T, TResult>> query) => Inline(query);

    /// <inheritdoc cref="Inlined{T, TResult}"/>
    internal static Expression<Func<T1, T2, T3, TResult>> Inlined<T1, T2, T3, TResult>(Expression<Func<T1, T2, T3, TResult>> query) => Inline(query);

    private static Expression<TQuery> Inline<TQuery>(Expression<TQuery> query) => (Expression<TQuery>)new OfInliner().Visit(query);

    private sealed class OfInliner : ExpressionVisitor
    {
        private static readonly MethodInfo s_ofMethod = typeof(IncidentSummary).GetMethod(nameof(Of))!;

        protected override Expression VisitMethodCall(MethodCallExpression node) => node.Method == s_ofMethod
            ? ReplacingExpressionVisitor.Replace(Projection.Parameters[0], Visit(node.Arguments[0]), Projection.Body)
            : base.VisitMethodCall(node);
    }
}
