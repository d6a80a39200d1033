using Npgsql;

namespace ChatOpsIncidents.TestSupport;

/// <summary>
/// One throwaway PostgreSQL server for a whole test assembly, started from the installed binaries
/// (<c>PG_BIN</c>, else the newest <c>/usr/lib/postgresql/*/bin</c>, else <c>pg_ctl</c> on PATH) on a free 127.0.0.1 port,
/// with its data in a temporary folder that is deleted afterwards. As root it runs the server as the <c>postgres</c> user.
/// </summary>
/// <remarks>
/// Use it as an xunit v3 assembly fixture: put <c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c> once in the test
/// project, take <c>PostgresServer</c> in a test class constructor, and give every test its own database:
/// <code>
/// public sealed class OutboxClaimTests(PostgresServer postgres)
/// {
///     [Fact]
///     public async Task Two_replicas_never_claim_the_same_row()
///     {
///         postgres.RequireAvailable(); // skips with the reason, or fails under CI=true
///         string connectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken);
///         ...
///     }
/// }
/// </code>
/// When no binaries are installed, <see cref="InitializeAsync"/> only records <see cref="UnavailableReason"/>, so tests
/// that do not need PostgreSQL still run. When the binaries are there but the server fails to start, every call to
/// <see cref="RequireAvailable"/> fails with the cause and the tail of the server log.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Loopback = "127.0.0.1";
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _binDirectory = "";
    private string _rootDirectory = "";
    private string _runUser = "";
    private Exception? _startupFailure;
    private bool _running;

    /// <summary>Why there is no server (no binaries found), or null.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>The 127.0.0.1 port the server listens on (the same across <see cref="RestartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>True between a successful start and <see cref="StopAsync"/> or <see cref="DisposeAsync"/>.</summary>
    public bool IsRunning => _running;

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    private string LogFile => Path.Combine(_rootDirectory, "server.log");

    /// <summary>Finds the binaries, creates the cluster and starts the server; records failures instead of throwing.</summary>
    public async ValueTask InitializeAsync()
    {
        string? binDirectory = PostgresBinaries.Find(out string notFound);
        if (binDirectory is null)
        {
            UnavailableReason = notFound;
            return;
        }
        _binDirectory = binDirectory;
        try
        {
            await CreateClusterAsync(TestContext.Current.CancellationToken);
            await StartOnFreePortAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or UnauthorizedAccessException)
        {
            _startupFailure = ex;
        }
    }

    /// <summary>
    /// Skips the test (fails it under CI=true) when PostgreSQL is not installed; fails it when PostgreSQL is installed but
    /// did not start.
    /// </summary>
    public void RequireAvailable()
    {
        if (UnavailableReason is not null)
        {
            RealServers.Unavailable(UnavailableReason);
        }
        if (_startupFailure is not null)
        {
            throw new InvalidOperationException(
                $"PostgreSQL from {_binDirectory} is installed but could not be started: {_startupFailure.Message}");
        }
    }

    /// <summary>Creates a new, uniquely named, empty database and returns an Npgsql connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        RequireAvailable();
        string name = "test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(GetConnectionString("postgres", pooling: false));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return GetConnectionString(name);
    }

    /// <summary>Connection string for <paramref name="database"/> on this server, as the superuser <c>postgres</c>.</summary>
    public string GetConnectionString(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = Loopback,
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
        Pooling = pooling,
    }.ConnectionString;

    /// <summary>
    /// Stops (<c>pg_ctl stop -m fast</c>) and starts the server again on the same port. Pooled Npgsql connections opened
    /// before are broken afterwards, as in production; <c>NpgsqlConnection.ClearAllPools()</c> gives a clean slate.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>); connections fail until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        RequireAvailable();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_running)
            {
                await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], cancellationToken);
                _running = false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the server again on the same port after <see cref="StopAsync"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        RequireAvailable();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_running)
            {
                await StartServerAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m immediate</c>) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_rootDirectory.Length > 0 && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await PgCtlAsync(["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                KillPostmaster();
            }
            _running = false;
        }
        if (_rootDirectory.Length > 0)
        {
            try
            {
                Directory.Delete(_rootDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A leftover folder in the temp directory is not worth failing the run for.
            }
        }
        _gate.Dispose();
    }

    private async Task CreateClusterAsync(CancellationToken cancellationToken)
    {
        _rootDirectory = Directory.CreateTempSubdirectory("chatops-pg-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            // initdb and postgres refuse to run as root: hand the folder to the postgres user and run them as it.
            _runUser = Executables.OnPath("runuser") ?? new[] { "/usr/sbin/runuser", "/sbin/runuser" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("running as root, PostgreSQL must run as the postgres user, but runuser (util-linux) was not found");
            if (!File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException(
                    "running as root, PostgreSQL must run as the postgres user, and there is none (the Debian package postgresql creates it)");
            }
            await CheckedAsync("chown", ["postgres:", _rootDirectory], TimeSpan.FromSeconds(10), cancellationToken);
        }
        // --locale=C: byte-order collation, the same on every machine, and never at odds with UTF8.
        await CheckedAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "--encoding=UTF8", "--locale=C", "--no-sync"],
            TimeSpan.FromSeconds(60),
            cancellationToken);
    }

    private async Task StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            try
            {
                await StartServerAsync(cancellationToken);
                return;
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                // Someone took the port between FreePort.Next() and the bind; try another.
            }
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        string options = $"-p {Port} -k '{_rootDirectory}' -c listen_addresses={Loopback} -c fsync=off -c max_connections=200";
        try
        {
            await PgCtlAsync(["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "30", "-o", options], cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL did not start on {Loopback}:{Port}. {ex.Message}\n--- {LogFile}, last lines ---\n{LogTail()}");
        }
        _running = true;
    }

    private Task PgCtlAsync(string[] arguments, CancellationToken cancellationToken) =>
        CheckedAsync(Path.Combine(_binDirectory, "pg_ctl"), arguments, s_waitLimit + TimeSpan.FromSeconds(15), cancellationToken);

    /// <summary>Runs a command (as the postgres user for PostgreSQL's own programs when we are root) and throws unless it exits 0.</summary>
    private async Task CheckedAsync(string program, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        bool asPostgres = _runUser.Length > 0 && program.StartsWith(_binDirectory, StringComparison.Ordinal);
        string fileName = asPostgres ? _runUser : program;
        string[] fullArguments = asPostgres ? ["-u", "postgres", "--", program, .. arguments] : arguments;
        (int exitCode, string output) = await ProcessRunner.RunAsync(fileName, fullArguments, _rootDirectory, timeout, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"{ProcessRunner.Describe(fileName, fullArguments)} exited with code {exitCode}:\n{output.TrimEnd()}");
        }
    }

    private string LogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(30));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(could not read the log: {ex.Message})";
        }
    }

    private void KillPostmaster()
    {
        try
        {
            string? firstLine = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(firstLine, out int pid))
            {
                using var postmaster = System.Diagnostics.Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not ours to kill.
        }
    }
}
