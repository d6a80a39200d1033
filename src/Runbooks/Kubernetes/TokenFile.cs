using System.Net.Http.Headers;
using k8s.Authentication;

namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// A bearer token kept in a file and read again once the copy in hand is a minute old, because the kubelet rotates projected
/// service account tokens in place. The client's own TokenFileAuth does the same on the machine clock; this one reads
/// <see cref="TimeProvider"/>, and serves kubeconfig <c>tokenFile</c> users too, which the client's loader ignores.
/// </summary>
public sealed class TokenFile(string path, TimeProvider time) : ITokenProvider
{
    private static readonly TimeSpan s_maxAge = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public Task<AuthenticationHeaderValue> GetAuthenticationHeaderAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            DateTimeOffset now = time.GetUtcNow();
            if (_token is null || now - _readAt >= s_maxAge)
            {
                _token = File.ReadAllText(path).Trim();
                _readAt = now;
            }
            return Task.FromResult(new AuthenticationHeaderValue("Bearer", _token));
        }
    }
}
