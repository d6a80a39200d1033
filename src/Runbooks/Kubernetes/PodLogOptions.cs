namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>Which logs to read: the last <paramref name="TailLines"/> lines, at most <paramref name="LimitBytes"/>, of the current or previous container.</summary>
public sealed record PodLogOptions(string Container, bool Previous, int TailLines = 100, int LimitBytes = 64 * 1024);
