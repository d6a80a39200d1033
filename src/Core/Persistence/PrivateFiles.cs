namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// Files that hold incidents or secrets: created readable by the bot's own user only (folders 0700, files 0600 on Unix).
/// Files and folders that already exist are left as they are, so an operator's own permissions stand.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="folder"/> (and any missing parent) when it does not exist.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> empty, and its folder, when it does not exist. SQLite takes an empty file as a new
    /// database, and gives its WAL and shared-memory files the database file's permissions.
    /// </summary>
    public static void CreateFile(string path)
    {
        string fullPath = Path.GetFullPath(path);
        CreateFolder(Path.GetDirectoryName(fullPath)!);
        using (Open(fullPath, System.IO.FileMode.OpenOrCreate))
        {
        }
    }

    /// <summary>Writes a new file with <paramref name="content"/>; fails when it exists, so two processes cannot both write it.</summary>
    public static void WriteNew(string path, string content)
    {
        string fullPath = Path.GetFullPath(path);
        CreateFolder(Path.GetDirectoryName(fullPath)!);
        using FileStream file = Open(fullPath, System.IO.FileMode.CreateNew);
        using var writer = new StreamWriter(file);
        writer.Write(content);
    }

    private static FileStream Open(string path, System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        return new FileStream(path, options);
    }
}
