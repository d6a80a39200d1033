namespace ChatOpsIncidents.Runbooks.Kubernetes;

public sealed record LabelSelectorRequirement(string Key, string Operator)
{
    public List<string>? Values { get; init; }

    public string ToQuery() => Operator switch
    {
        "In" => $"{Key} in ({string.Join(',', Values ?? [])})",
        "NotIn" => $"{Key} notin ({string.Join(',', Values ?? [])})",
        "Exists" => Key,
        "DoesNotExist" => "!" + Key,
        _ => throw new NotSupportedException($"Label selector operator \"{Operator}\" is not one Kubernetes defines."),
    };
}
