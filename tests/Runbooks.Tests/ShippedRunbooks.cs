namespace ChatOpsIncidents.Runbooks.Tests;

/// <summary>The runbooks/ folder of the repository, as the bot ships it.</summary>
internal static class ShippedRunbooks
{
    public static string Folder { get; } = Find();

    public static string Text(string id) => File.ReadAllText(Path.Combine(Folder, id + ".md"));

    private static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatOpsIncidents.sln")))
            {
                return Path.Combine(folder.FullName, "runbooks");
            }
        }
        throw new InvalidOperationException("The repository root (ChatOpsIncidents.sln) is not above the test's folder.");
    }
}
