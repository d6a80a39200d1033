namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// What <c>kubectl rollout restart</c> sends: <c>{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"…"}}}}}</c>.
/// </summary>
internal sealed record RestartPatch(RestartPatch.PatchSpec Spec)
{
    public const string Annotation = "kubectl.kubernetes.io/restartedAt";

    public static RestartPatch At(string restartedAt) =>
        new(new PatchSpec(new PatchTemplate(new PatchMetadata(new Dictionary<string, string> { [Annotation] = restartedAt }))));

    internal sealed record PatchSpec(PatchTemplate Template);

    internal sealed record PatchTemplate(PatchMetadata Metadata);

    internal sealed record PatchMetadata(Dictionary<string, string> Annotations);
}
