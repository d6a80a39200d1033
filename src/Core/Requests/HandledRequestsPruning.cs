namespace ChatOpsIncidents.Core.Requests;

/// <summary>When this process last pruned old handled requests: one caller a minute is told to prune.</summary>
public sealed class HandledRequestsPruning
{
    private static readonly TimeSpan s_every = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public bool IsDue(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (now < _next)
            {
                return false;
            }
            _next = now + s_every;
            return true;
        }
    }
}
