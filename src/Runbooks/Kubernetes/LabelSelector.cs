using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

public static class LabelSelector
{
    /// <summary>
    /// The selector in <c>labelSelector</c> query syntax: <c>a=x,b=y</c>, <c>key in (v1,v2)</c>, <c>key notin (…)</c>,
    /// <c>key</c>, <c>!key</c>, every requirement joined with ',' (logical AND).
    /// </summary>
    public static string ToQuery(V1LabelSelector selector)
    {
        IEnumerable<string> labels = (selector.MatchLabels ?? new Dictionary<string, string>())
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={pair.Value}");
        IEnumerable<string> expressions = (selector.MatchExpressions ?? []).Select(requirement => requirement.OperatorProperty switch
        {
            "In" => $"{requirement.Key} in ({string.Join(',', requirement.Values ?? [])})",
            "NotIn" => $"{requirement.Key} notin ({string.Join(',', requirement.Values ?? [])})",
            "Exists" => requirement.Key,
            "DoesNotExist" => "!" + requirement.Key,
            _ => throw new NotSupportedException($"Label selector operator \"{requirement.OperatorProperty}\" is not one Kubernetes defines."),
        });
        return string.Join(',', labels.Concat(expressions));
    }
}
