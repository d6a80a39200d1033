using System.Net;
using System.Runtime.Versioning;
using ChatOpsIncidents.Bot.Tests.Alertmanager;
using ChatOpsIncidents.Bot.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace ChatOpsIncidents.Bot.Tests.Security;

/// <summary>Issue 15, finding 10: the SQLite database and its WAL were created world-readable (0644).</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DatabaseFilePermissionTests
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task A_new_data_folder_is_0700_and_the_database_its_wal_shm_and_scheduler_files_are_0600()
    {
        string root = Directory.CreateTempSubdirectory("bot-files-").FullName;
        string data = Path.Combine(root, "data");
        string database = Path.Combine(data, "incidents.db");
        try
        {
            await using (var bot = new BotHost(new() { ["Database:SqlitePath"] = database }))
            {
                Assert.Equal(HttpStatusCode.OK, (await bot.PostWebhookAsync(Payloads.Firing)).StatusCode); // writes, so the WAL exists

                Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
                foreach (string file in new[] { database, database + "-wal", database + "-shm", Path.Combine(data, "incidents.scheduler.db") })
                {
                    Assert.True(File.Exists(file), $"{file} was not created");
                    Assert.Equal((file, OwnerOnlyFile), (file, File.GetUnixFileMode(file)));
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
