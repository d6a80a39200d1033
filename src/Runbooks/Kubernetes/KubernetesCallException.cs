using System.Net;
using k8s.Models;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// Every failure of a Kubernetes call: an error answer (with its <see cref="Status"/> object when the server sent one), a
/// timeout or a network failure. <see cref="Exception.Message"/> says in words what went wrong, for Slack.
/// </summary>
public sealed class KubernetesCallException : Exception
{
    public KubernetesCallException(KubernetesRequest request, HttpStatusCode? statusCode, V1Status? status, string message, Exception? inner = null)
        : base(message, inner)
    {
        Request = request;
        StatusCode = statusCode;
        Status = status;
    }

    public KubernetesRequest Request { get; }

    /// <summary>Null when no answer came (timeout, network).</summary>
    public HttpStatusCode? StatusCode { get; }

    public V1Status? Status { get; }

    public string? Reason => Status?.Reason;

    /// <summary>The message a person understands for an error answer, from the request and the server's Status.</summary>
    public static string Describe(KubernetesRequest request, HttpStatusCode code, V1Status? status, string? rawBody)
    {
        string server = status?.Message ?? (string.IsNullOrWhiteSpace(rawBody) ? $"HTTP {(int)code}" : rawBody.Trim());
        string what = request.Name is null ? request.Resource : $"{request.Resource} {request.Name}";
        return code switch
        {
            HttpStatusCode.Forbidden => $"the bot's service account may not {request.Verb} {request.Resource} in namespace {request.Namespace} (Kubernetes said: {server})",
            HttpStatusCode.NotFound => $"{what} was not found in namespace {request.Namespace} (Kubernetes said: {server})",
            HttpStatusCode.Unauthorized => $"the Kubernetes API did not accept the bot's credentials: check the token or client certificate (Kubernetes said: {server})",
            HttpStatusCode.Conflict => $"{what} in namespace {request.Namespace} was changed by someone else at the same moment; run it again (Kubernetes said: {server})",
            HttpStatusCode.UnprocessableEntity => $"Kubernetes refused the change to {what} as invalid: {server}",
            HttpStatusCode.TooManyRequests => $"the Kubernetes API is throttling the bot; try again in a minute (Kubernetes said: {server})",
            >= HttpStatusCode.InternalServerError => $"the Kubernetes API failed ({(int)code}); try again (Kubernetes said: {server})",
            _ => $"Kubernetes refused to {request.Verb} {what} in namespace {request.Namespace} ({(int)code}): {server}",
        };
    }
}
