using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Tests.Security;

/// <summary>Issue 16, finding 8: a runbook file above the size limit stops the start, naming the file, before it is read.</summary>
public sealed class RunbookFileSizeTests
{
    [Fact]
    public void A_40_MB_runbook_is_refused_naming_the_file()
    {
        string folder = Directory.CreateTempSubdirectory("runbooks-size-").FullName;
        try
        {
            string file = Path.Combine(folder, "huge.md");
            using (FileStream stream = File.Create(file))
            {
                stream.SetLength(40L * 1024 * 1024);
            }

            var exception = Assert.Throws<RunbookLoadException>(() => RunbookLoader.LoadFolder(folder));

            Assert.Equal($"Runbook file {file}: file: is 41943040 bytes; a runbook file may have at most 262144 bytes.", exception.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
