namespace ChatOpsIncidents.TestSupport;

/// <summary>Files checked into the repository, found from the test binaries.</summary>
public static class Repository
{
    /// <summary>The folder with ChatOpsIncidents.sln above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatOpsIncidents.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (with ChatOpsIncidents.sln) was not found above the test binaries.");
    }
}
