namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record LabelSelector
{
    public Dictionary<string, string>? MatchLabels { get; init; }

    public List<LabelSelectorRequirement>? MatchExpressions { get; init; }

    /// <summary>
    /// The selector in <c>labelSelector</c> query syntax: <c>a=x,b=y</c>, <c>key in (v1,v2)</c>, <c>key notin (…)</c>,
    /// <c>key</c>, <c>!key</c>, every requirement joined with ',' (logical AND).
    /// </summary>
    public string ToQuery()
    {
        IEnumerable<string> labels = (MatchLabels ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}");
        IEnumerable<string> expressions = (MatchExpressions ?? []).Select(requirement => requirement.ToQuery());
        return string.Join(',', labels.Concat(expressions));
    }
}
