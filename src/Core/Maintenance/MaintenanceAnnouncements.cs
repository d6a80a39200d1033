using ChatOpsIncidents.Core.DueWork;
using ChatOpsIncidents.Core.Outbox;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Core.Maintenance;

/// <summary>
/// Maintenance windows as due work: at a window's start and at its end, writes the announcement to the incidents channel as a
/// channel message in the firing transaction, so it is posted once across replicas.
/// </summary>
internal sealed class MaintenanceAnnouncements(IncidentsDbContext db) : DueWorkKind<MaintenanceWindow>(KindName, db)
{
    public const string KindName = "maintenance-windows";

    protected override string KeyOf(MaintenanceWindow window) => window.SilenceId;

    protected override Task<MaintenanceWindow?> FindAsync(string key, CancellationToken cancellationToken) =>
        Db.MaintenanceWindows.SingleOrDefaultAsync(w => w.SilenceId == key, cancellationToken);

    protected override void Fire(MaintenanceWindow window, DateTimeOffset dueAt, DateTimeOffset now) =>
        Db.ChannelMessages.Add(new ChannelMessage(null, window.Announce(now), now));
}
