using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ChatOpsIncidents.Bench;

/// <summary>
/// Fills a database the bot has migrated with incidents as the bot writes them (the same columns, values and encodings as
/// the rows of an incident opened by a webhook, acknowledged and resolved): their alerts, timeline entries, outbox rows and
/// postmortems. Inserted by SQL, a transaction per batch of multi-row inserts, then analysed for the planner. The spread:
/// 90 days, 12 services, 4 severities, a storm-like burst of incidents within minutes three days ago, the newest few hundred
/// still open, the others acknowledged (most) and resolved, their postmortems mostly done.
/// </summary>
internal sealed class DashboardFill(DbConnection connection, DateTimeOffset now)
{
    public static readonly string[] Services =
        ["checkout", "payments", "search", "catalog", "cart", "auth", "orders", "inventory", "shipping", "notifications", "gateway", "reports"];

    private const int IncidentsPerBatch = 400;
    /// <summary>Of 50 000 incidents: the newest 300 still open, 625 in the storm.</summary>
    private const int IncidentsPerOpen = 166;
    private const int IncidentsPerStormIncident = 80;
    private static readonly TimeSpan s_period = TimeSpan.FromDays(90);

    private static readonly (string AlertName, string Summary)[] s_alerts =
    [
        ("HighErrorRate", "High error rate on {0}"),
        ("HighLatency", "{0} p99 latency over 2 s"),
        ("PodCrashLooping", "Pod of {0} crash looping"),
        ("DiskFillingUp", "Disk filling up on the {0} database"),
        ("ErrorBudgetBurn", "{0} error budget burning fast"),
        ("TargetDown", "{0} target down"),
    ];

    private static readonly (string Label, int Severity)[] s_severities = [("critical", 1), ("error", 2), ("warning", 3), ("info", 4)];
    private static readonly string[] s_responders = ["U01ADA", "U02GRACE", "U03LINUS", "U04BARBARA", "U05KEN", "U06MARGARET"];

    private readonly bool _sqlite = connection is SqliteConnection;
    private readonly Random _random = new(21);
    private long _nextAlertId = 1;
    private long _nextEntryId = 1;

    /// <summary>Inserts incidents 1 to <paramref name="incidents"/> (newest last) and analyses the tables.</summary>
    public async Task FillAsync(int incidents, CancellationToken cancellationToken)
    {
        for (int first = 1; first <= incidents; first += IncidentsPerBatch)
        {
            var batch = new Batch();
            for (int id = first; id < first + IncidentsPerBatch && id <= incidents; id++)
            {
                AddIncident(batch, id, incidents);
            }
            await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (Table table in batch.Tables)
            {
                await InsertAsync(table, transaction, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        if (!_sqlite)
        {
            await ExecuteAsync(AfterExplicitIds, cancellationToken);
        }
        await ExecuteAsync(_sqlite ? "ANALYZE" : "VACUUM ANALYZE", cancellationToken);
    }

    /// <summary>PostgreSQL's identity columns continue after the ids inserted here.</summary>
    private const string AfterExplicitIds = """
        SELECT setval(pg_get_serial_sequence('"Incidents"', 'Id'), (SELECT MAX("Id") FROM "Incidents"));
        SELECT setval(pg_get_serial_sequence('"Alerts"', 'Id'), (SELECT MAX("Id") FROM "Alerts"));
        SELECT setval(pg_get_serial_sequence('"TimelineEntries"', 'Id'), (SELECT MAX("Id") FROM "TimelineEntries"));
        """;

    private void AddIncident(Batch batch, long id, int incidents)
    {
        string service = Services[_random.Next(Services.Length)];
        (string alertName, string summaryFormat) = s_alerts[_random.Next(s_alerts.Length)];
        (string severityLabel, int severity) = s_severities[Pick(0.05, 0.15, 0.40)];
        string environment = _random.NextDouble() < 0.85 ? "prod" : "staging";
        string summary = string.Format(CultureInfo.InvariantCulture, summaryFormat, service);
        bool open = id > incidents - (incidents / IncidentsPerOpen);
        (DateTimeOffset openedAt, bool storm) = OpenedAt(id, incidents);
        DateTimeOffset detectedAt = openedAt - TimeSpan.FromSeconds(_random.Next(30, 300));
        bool acknowledged = open ? _random.NextDouble() < 0.5 : !storm && _random.NextDouble() < 0.9;
        DateTimeOffset? acknowledgedAt = acknowledged ? Before(openedAt + Minutes(0.5, 25), open) : null;
        DateTimeOffset? resolvedAt = open ? null : Before((acknowledgedAt ?? openedAt) + Minutes(5, storm ? 30 : 240), open: true);
        string groupKey = $"{{}}:{{alertname=\"{alertName}\", environment=\"{environment}\", instance=\"{service}-{id}\", service=\"{service}\"}}";
        var commonLabels = new Dictionary<string, string>
        {
            ["alertname"] = alertName,
            ["service"] = service,
            ["environment"] = environment,
            ["namespace"] = service,
            ["severity"] = severityLabel,
        };
        string responder = s_responders[_random.Next(s_responders.Length)];
        batch.Incidents.Add(
            id, "Alertmanager", summary, null, severity, Status(open, acknowledged), service, environment, service, null,
            null, groupKey, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey))), "incident-bot",
            "http://alertmanager.example:9093", Json(commonLabels), Time(detectedAt), Time(openedAt), Time(openedAt), Time(acknowledgedAt),
            Time(resolvedAt), 0, 1,
            acknowledged ? responder : null, acknowledged ? "SlackUser" : null, null, null,
            resolvedAt is null ? null : "alertmanager", resolvedAt is null ? null : "Alertmanager", null, null,
            false, null, false, null, null, false, null, null);
        batch.Deliveries.Add(id, 0L, null, null, false, 0, Time(openedAt), null, null, null, null, null, null, null, null, null, null, null);

        AddEntry(batch, id, openedAt, "Opened", "Alertmanager", "alertmanager", $"Opened SEV{severity} from Alertmanager: {summary}");
        int alerts = 1 + Pick(0.6, 0.3, 0.1);
        for (int alert = 0; alert < alerts; alert++)
        {
            var labels = new Dictionary<string, string>(commonLabels) { ["instance"] = $"{service}-{id}-{alert}:9100" };
            batch.Alerts.Add(
                _nextAlertId++, id, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{id}/{alert}")))[..16],
                open ? "Firing" : "Resolved", Json(labels), Json(new Dictionary<string, string> { ["summary"] = summary }),
                Time(detectedAt), Time(resolvedAt), $"http://prometheus.example:9090/graph?g0.expr={alertName}");
            AddEntry(batch, id, openedAt, "AlertFiring", "Alertmanager", "alertmanager", $"Alert firing: {summary}");
        }
        if (acknowledgedAt is { } ackAt)
        {
            AddEntry(batch, id, ackAt, "Acknowledged", "SlackUser", responder, "Acknowledged");
        }
        if (resolvedAt is { } resolved)
        {
            for (int alert = 0; alert < alerts; alert++)
            {
                AddEntry(batch, id, resolved, "AlertResolved", "Alertmanager", "alertmanager", $"Alert resolved: {summary}");
            }
            AddEntry(batch, id, resolved, "AutoResolved", "Alertmanager", "alertmanager", "All alerts resolved; the incident resolved itself");
            AddPostmortem(batch, id, resolved, responder);
        }
    }

    /// <summary>
    /// Drafted at resolution (without an owner: these incidents resolved themselves and have no commander or assignee); done within
    /// hours to days by a responder, or (one in six, when that long ago) reminded twice and overdue.
    /// </summary>
    private void AddPostmortem(Batch batch, long id, DateTimeOffset resolvedAt, string responder)
    {
        string? owner = null;
        AddEntry(batch, id, resolvedAt, "PostmortemDrafted", "System", "system",
            "Postmortem draft ready; reminders follow at 24 h and 48 h, and it is overdue at 72 h", owner);
        DateTimeOffset overdueAt = resolvedAt + TimeSpan.FromHours(72);
        if (overdueAt < now && _random.NextDouble() < 1.0 / 6)
        {
            for (int hours = 24; hours <= 72; hours += 24)
            {
                AddEntry(batch, id, resolvedAt + TimeSpan.FromHours(hours), hours < 72 ? "PostmortemReminder" : "PostmortemOverdue", "System", "system", hours < 72
                    ? $"Reminder: the postmortem of INC-{id} is not done yet ({hours} h since it was resolved)"
                    : $"The postmortem of INC-{id} is overdue: resolved {hours} h ago and not marked done", owner);
            }
            batch.Postmortems.Add(id, Time(resolvedAt), owner, 3, null, null, null);
            return;
        }
        DateTimeOffset completedAt = Before(resolvedAt + Minutes(60, 4 * 24 * 60), open: true);
        string link = $"https://wiki.example/postmortems/INC-{id}";
        AddEntry(batch, id, completedAt, "PostmortemCompleted", "SlackUser", responder, $"Postmortem done: {link}");
        batch.Postmortems.Add(id, Time(resolvedAt), owner, 0, null, Time(completedAt), link);
    }

    private void AddEntry(Batch batch, long incidentId, DateTimeOffset at, string kind, string actorKind, string actorId, string text, string? recipient = null) =>
        batch.Timeline.Add(_nextEntryId++, incidentId, Time(at), kind, actorKind, actorId, null, text, recipient, null, null);

    /// <summary>Opened in the order of the ids (as the bot numbers them), spread evenly over the period but for the storm's, two seconds apart three days ago.</summary>
    private (DateTimeOffset OpenedAt, bool Storm) OpenedAt(long id, int incidents)
    {
        int stormSize = incidents / IncidentsPerStormIncident;
        long stormFirst = (long)(incidents * (1 - (3 / s_period.TotalDays)));
        long slot = id < stormFirst ? id : id < stormFirst + stormSize ? stormFirst : id - stormSize;
        TimeSpan slotLength = s_period / (incidents - stormSize + 1);
        DateTimeOffset slotStart = now - s_period + (slotLength * slot);
        return id >= stormFirst && id < stormFirst + stormSize
            ? (Storable(slotStart + TimeSpan.FromSeconds(2 * (id - stormFirst))), true)
            : (Storable(slotStart + (slotLength * _random.NextDouble())), false);
    }

    /// <summary>Not in the future when it happened by now (acknowledged, postmortem done).</summary>
    private DateTimeOffset Before(DateTimeOffset at, bool open) => Storable(open && at > now ? now : at);

    /// <summary>Whole microseconds, as the bot stores every time (PostgreSQL keeps no finer).</summary>
    private static DateTimeOffset Storable(DateTimeOffset at) => at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMicrosecond));

    private TimeSpan Minutes(double least, double most) =>
        TimeSpan.FromMicroseconds(Math.Round((least + ((most - least) * _random.NextDouble() * _random.NextDouble())) * 60_000_000));

    /// <summary>The index of the first cumulative share the draw falls under; the last index when none.</summary>
    private int Pick(params double[] shares)
    {
        double draw = _random.NextDouble();
        for (int index = 0; index < shares.Length; index++)
        {
            draw -= shares[index];
            if (draw < 0)
            {
                return index;
            }
        }
        return shares.Length;
    }

    private static string Status(bool open, bool acknowledged) => !open ? "Resolved" : acknowledged ? "Acknowledged" : "Triggered";

    private static string Json(Dictionary<string, string> map) => JsonSerializer.Serialize(map);

    /// <summary>As the bot stores a time: UTC ticks on SQLite, timestamptz on PostgreSQL.</summary>
    private object? Time(DateTimeOffset? at) => at is not { } value ? null : _sqlite ? value.UtcTicks : value;

    /// <summary>
    /// SQLite: a row a statement, prepared once (it looks each named parameter up among all of the statement's, so many rows a
    /// statement cost quadratically); PostgreSQL: as many rows a statement as its limit on parameters allows, fewer round trips.
    /// </summary>
    private async Task InsertAsync(Table table, DbTransaction transaction, CancellationToken cancellationToken)
    {
        int rowsPerStatement = _sqlite ? 1 : 30_000 / table.Columns.Length;
        DbCommand? insert = null;
        try
        {
            for (int first = 0; first < table.Rows.Count; first += rowsPerStatement)
            {
                List<object?[]> rows = table.Rows.GetRange(first, Math.Min(rowsPerStatement, table.Rows.Count - first));
                if (insert is null || insert.Parameters.Count != rows.Count * table.Columns.Length)
                {
                    insert?.Dispose();
                    insert = CreateInsert(table, rows.Count, transaction);
                }
                int parameter = 0;
                foreach (object? value in rows.SelectMany(row => row))
                {
                    insert.Parameters[parameter++].Value = value ?? DBNull.Value;
                }
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            insert?.Dispose();
        }
    }

    private DbCommand CreateInsert(Table table, int rows, DbTransaction transaction)
    {
        DbCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c}\""))}) VALUES ");
        for (int row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (int column = 0; column < table.Columns.Length; column++)
            {
                DbParameter parameter = insert.CreateParameter();
                parameter.ParameterName = "@p" + insert.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                insert.Parameters.Add(parameter);
                sql.Append(column == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            sql.Append(')');
        }
        insert.CommandText = sql.ToString();
        return insert;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Opens the connection the fill writes through: the bot's SQLite file or PostgreSQL database.</summary>
    public static async Task<DbConnection> OpenAsync(string? postgresConnection, string sqlitePath, CancellationToken cancellationToken)
    {
        DbConnection opened = postgresConnection is null
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Pooling = false }.ToString())
            : new NpgsqlConnection(postgresConnection);
        await opened.OpenAsync(cancellationToken);
        return opened;
    }

    /// <summary>The rows of one table to insert, in the order of its columns.</summary>
    private sealed class Table(string name, params string[] columns)
    {
        public string Name => name;

        public string[] Columns => columns;

        public List<object?[]> Rows { get; } = [];

        public void Add(params object?[] row) => Rows.Add(row);
    }

    /// <summary>One transaction's rows, the incidents before what refers to them.</summary>
    private sealed class Batch
    {
        public Table Incidents { get; } = new("Incidents",
            "Id", "Source", "Title", "Description", "Severity", "Status", "Service", "Environment", "Namespace", "Commander",
            "Assignee", "GroupKey", "GroupKeyHash", "Receiver",
            "ExternalUrl", "CommonLabels", "DetectedAt", "OpenedAt", "TriggeredAt", "AcknowledgedAt",
            "ResolvedAt", "ReopenCount", "Version",
            "AcknowledgedBy_Id", "AcknowledgedBy_Kind", "AcknowledgedBy_Name", "AcknowledgedBy_OnBehalfOf",
            "ResolvedBy_Id", "ResolvedBy_Kind", "ResolvedBy_Name", "ResolvedBy_OnBehalfOf",
            "Quiet", "StormIncidentId", "OwnChannel", "FlappingUntil", "SilenceId", "SilenceUntilResolved", "SilencedUntil", "MarkedNoiseAt");

        public Table Deliveries { get; } = new("IncidentDeliveries",
            "IncidentId", "DeliveredThroughEntryId", "ChannelId", "CardMessageId", "Announced", "Attempts", "NextAttemptAt", "LastError",
            "LeaseOwner", "LeaseUntil", "AnnouncementChannelId", "AnnouncementMessageId", "CardDigest", "PostmortemDraftFileId",
            "TopicDigest", "TopicDueAt", "TopicSetAt", "FlapLineAt");

        public Table Alerts { get; } = new("Alerts",
            "Id", "IncidentId", "Fingerprint", "Status", "Labels", "Annotations", "StartsAt", "EndsAt", "GeneratorUrl");

        public Table Timeline { get; } = new("TimelineEntries",
            "Id", "IncidentId", "At", "Kind", "ActorKind", "ActorId", "ActorName", "Text", "Recipients", "DueAt", "OnBehalfOf");

        public Table Postmortems { get; } = new("Postmortems",
            "IncidentId", "ResolvedAt", "Owner", "RemindersSent", "NextReminderAt", "CompletedAt", "Link");

        public IEnumerable<Table> Tables => [Incidents, Deliveries, Alerts, Timeline, Postmortems];
    }
}
