namespace ChatOpsIncidents.TestSupport;

/// <summary>Finds the folder with PostgreSQL's server programs (initdb, pg_ctl, postgres).</summary>
internal static class PostgresBinaries
{
    /// <summary>
    /// <c>PG_BIN</c> when set; else the newest <c>/usr/lib/postgresql/*/bin</c> (Debian); else the real folder of <c>pg_ctl</c>
    /// on PATH (a symlink such as /usr/local/bin/pg_ctl is followed). Null, with <paramref name="reason"/>, when none has them.
    /// </summary>
    public static string? Find(out string reason)
    {
        string? configured = Environment.GetEnvironmentVariable("PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            reason = $"PG_BIN={configured} does not contain initdb, pg_ctl and postgres";
            return HasServerBinaries(configured) ? configured : null;
        }

        const string DebianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(DebianRoot))
        {
            string? newest = Directory.GetDirectories(DebianRoot)
                .Select(folder => (Bin: Path.Combine(folder, "bin"), Version: ParseVersion(Path.GetFileName(folder))))
                .Where(candidate => candidate.Version is not null && HasServerBinaries(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault();
            if (newest is not null)
            {
                reason = "";
                return newest;
            }
        }

        string? pgCtl = Executables.OnPath("pg_ctl");
        if (pgCtl is not null && HasServerBinaries(Executables.RealDirectory(pgCtl)))
        {
            reason = "";
            return Executables.RealDirectory(pgCtl);
        }

        reason = "no PostgreSQL server binaries found: install the Debian package postgresql, "
            + "or set PG_BIN to the folder that holds initdb and pg_ctl";
        return null;
    }

    private static Version? ParseVersion(string folderName) =>
        Version.TryParse(folderName.Contains('.', StringComparison.Ordinal) ? folderName : folderName + ".0", out Version? version)
            ? version
            : null;

    private static bool HasServerBinaries(string folder) =>
        new[] { "initdb", "pg_ctl", "postgres" }.All(name => Executables.IsExecutable(Path.Combine(folder, name)));
}
