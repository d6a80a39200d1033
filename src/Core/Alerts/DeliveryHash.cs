using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>
/// A delivery as the repeated-delivery index keys it: its group, and everything it holds (SHA-256, 128 bits kept). Every
/// field is length-prefixed, so equal hashes mean equal deliveries (short of a SHA-256 collision); maps are hashed in their
/// delivered order, so the same labels in another order only miss the index.
/// </summary>
internal readonly record struct DeliveryHash(UInt128 Group, UInt128 Content)
{
    /// <param name="stored">The delivery as stored (<see cref="AlertIntakeService.ForStorage"/>), as the unchanged check compares it.</param>
    public static DeliveryHash Of(AlertGroupSignal stored)
    {
        using var content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(content, stored.GroupKey);
        Add(content, stored.Receiver);
        Add(content, stored.ExternalUrl);
        Add(content, stored.CommonLabels);
        Add(content, stored.Alerts.Count);
        foreach (AlertSignal alert in stored.Alerts)
        {
            Add(content, alert.Fingerprint);
            Add(content, (long)alert.Status);
            Add(content, alert.Labels);
            Add(content, alert.Annotations);
            Add(content, alert.StartsAt);
            Add(content, alert.EndsAt);
            Add(content, alert.ReportedEndsAt);
            Add(content, alert.GeneratorUrl);
        }
        return new DeliveryHash(First128Bits(SHA256.HashData(MemoryMarshal.AsBytes(stored.GroupKey.AsSpan()))), First128Bits(content.GetHashAndReset()));
    }

    private static UInt128 First128Bits(ReadOnlySpan<byte> hash) => BinaryPrimitives.ReadUInt128LittleEndian(hash);

    private static void Add(IncrementalHash hash, IReadOnlyDictionary<string, string> map)
    {
        Add(hash, map.Count);
        foreach ((string name, string value) in map)
        {
            Add(hash, name);
            Add(hash, value);
        }
    }

    private static void Add(IncrementalHash hash, DateTimeOffset? at) => Add(hash, at?.UtcTicks ?? -1);

    private static void Add(IncrementalHash hash, string? text)
    {
        Add(hash, text?.Length ?? -1);
        hash.AppendData(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private static void Add(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        hash.AppendData(bytes);
    }
}
