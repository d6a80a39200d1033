namespace ChatOpsIncidents.Runbooks.Kubernetes;

/// <summary>
/// The bearer token: fixed (a kubeconfig <c>token</c>), or read from a file and read again when the cached copy is a minute
/// old or the server said 401, because projected service account tokens are rotated in place (reference §11).
/// </summary>
public sealed class BearerTokenSource
{
    private static readonly TimeSpan s_maxAge = TimeSpan.FromMinutes(1);

    private readonly string? _fixed;
    private readonly string? _path;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private string? _cached;
    private DateTimeOffset _readAt;

    private BearerTokenSource(string? token, string? path, TimeProvider time)
    {
        _fixed = token;
        _path = path;
        _time = time;
    }

    public bool CanRefresh => _path is not null;

    public static BearerTokenSource Fixed(string token) => new(token, null, TimeProvider.System);

    public static BearerTokenSource FromFile(string path, TimeProvider time) => new(null, path, time);

    /// <summary>The token to send now; <paramref name="reread"/> after a 401.</summary>
    public string Current(bool reread = false)
    {
        if (_fixed is not null)
        {
            return _fixed;
        }
        lock (_lock)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (reread || _cached is null || now - _readAt >= s_maxAge)
            {
                _cached = File.ReadAllText(_path!).Trim();
                _readAt = now;
            }
            return _cached;
        }
    }
}
