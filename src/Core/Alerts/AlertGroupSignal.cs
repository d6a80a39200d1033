using System.Security.Cryptography;
using System.Text;

namespace ChatOpsIncidents.Core.Alerts;

/// <summary>
/// A full snapshot of one Alertmanager aggregation group, as delivered: every alert of the group, firing and
/// recently resolved. The same snapshot arrives many times (repeats, retries, HA peers).
/// </summary>
public sealed record AlertGroupSignal(
    string GroupKey,
    string Receiver,
    string? ExternalUrl,
    IReadOnlyDictionary<string, string> CommonLabels,
    IReadOnlyList<AlertSignal> Alerts)
{
    public static string HashGroupKey(string groupKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)));
}
