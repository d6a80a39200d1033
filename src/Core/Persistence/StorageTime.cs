namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Every stored timestamp is UTC with whole microseconds: PostgreSQL keeps no finer precision, so a value
/// read back must equal the value written, on both providers, for deduplication to work.
/// </summary>
public static class StorageTime
{
    public static DateTimeOffset ToStorable(this DateTimeOffset value)
    {
        DateTimeOffset utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    public static DateTimeOffset GetStorableUtcNow(this TimeProvider time) => time.GetUtcNow().ToStorable();
}
