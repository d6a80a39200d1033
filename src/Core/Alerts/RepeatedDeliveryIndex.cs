namespace ChatOpsIncidents.Core.Alerts;

/// <summary>
/// For each alert group recently found unchanged, that delivery (hashed) and the incident's stamp it was checked against,
/// so that a repeat of it costs one indexed read of the stamp instead of the incident and its alerts. Holds at most
/// Incidents:RepeatIndexSize groups (about 150 bytes each) and forgets the least recently used first.
/// </summary>
/// <remarks>
/// A remembered answer can never hide a change, made by this replica or another one on the same database: the incident's
/// version moves, in the commit that makes it, with every change the unchanged check reads (status, group details, any
/// write of one of its alerts: <see cref="Incidents.Incident.RecordQuietChange"/>), incident ids are never reused, and a
/// newer incident of the group changes the id the stamp read finds. So an equal stamp means the incident and its alerts
/// are as they were when the check passed. The stamp is taken by the check's first read, before it reads the alerts: a
/// change committed between the two moves the version past the remembered one, and the entry never matches again.
/// </remarks>
internal sealed class RepeatedDeliveryIndex(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<UInt128, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _mostRecentFirst = new();

    /// <summary>The stamp <paramref name="delivery"/> was found unchanged against; null when its group's last such delivery was another.</summary>
    public IncidentStamp? Find(DeliveryHash delivery)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(delivery.Group, out LinkedListNode<Entry>? node) || node.Value.Content != delivery.Content)
            {
                return null;
            }
            _mostRecentFirst.Remove(node);
            _mostRecentFirst.AddFirst(node);
            return node.Value.Stamp;
        }
    }

    public void Remember(DeliveryHash delivery, IncidentStamp stamp)
    {
        if (capacity == 0)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.Remove(delivery.Group, out LinkedListNode<Entry>? replaced))
            {
                _mostRecentFirst.Remove(replaced);
            }
            else if (_entries.Count >= capacity)
            {
                _entries.Remove(_mostRecentFirst.Last!.Value.Group);
                _mostRecentFirst.RemoveLast();
            }
            _entries[delivery.Group] = _mostRecentFirst.AddFirst(new Entry(delivery.Group, delivery.Content, stamp));
        }
    }

    private readonly record struct Entry(UInt128 Group, UInt128 Content, IncidentStamp Stamp);
}
