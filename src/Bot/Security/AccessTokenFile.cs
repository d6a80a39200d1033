using System.Security.Cryptography;
using ChatOpsIncidents.Core.Persistence;

namespace ChatOpsIncidents.Bot.Security;

/// <summary>
/// The tokens the bot generates on its first start when none are configured, kept in <see cref="FileName"/> in the data folder
/// (readable by the bot's user only) and read again at every later start. Lines of <c>NAME=value</c>, so a shell can source it.
/// </summary>
internal sealed record AccessTokenFile(string Path, string AlertmanagerToken, string ApiToken)
{
    public const string FileName = "access-tokens";
    public const string AlertmanagerKey = "ALERTMANAGER_TOKEN";
    public const string ApiKey = "API_TOKEN";

    /// <summary>The file in <paramref name="folder"/>, created with new random tokens when it does not exist.</summary>
    public static AccessTokenFile ReadOrCreate(string folder)
    {
        string path = System.IO.Path.Combine(folder, FileName);
        try
        {
            if (!File.Exists(path))
            {
                PrivateFiles.WriteNew(path, Content(NewToken(), NewToken()));
            }
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process starting at the same moment wrote it first: read theirs.
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Alertmanager:BearerToken or Api:Tokens is not set, and the tokens generated instead cannot be written to {path} ({exception.Message}). " +
                "Set the tokens, make the folder of Database:SqlitePath writable, or set Alertmanager:AllowAnonymous / Api:AllowAnonymous.", exception);
        }
        return ReadWhole(path);
    }

    /// <summary>
    /// Reads the file, waiting a little while it has no tokens yet: another replica starting at the same moment may have
    /// created it and not yet written it (creating it is atomic, writing it is not).
    /// </summary>
    private static AccessTokenFile ReadWhole(string path)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return Read(path);
            }
            catch (IncompleteTokenFileException) when (attempt < 50)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    private static AccessTokenFile Read(string path)
    {
        Dictionary<string, string> values = File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim(), StringComparer.Ordinal);
        string Value(string key) => values.TryGetValue(key, out string? value) && value.Length > 0
            ? value
            : throw new IncompleteTokenFileException($"{path} has no {key}; delete the file to have the bot generate new tokens at its next start.");
        return new AccessTokenFile(path, Value(AlertmanagerKey), Value(ApiKey));
    }

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static string Content(string alertmanagerToken, string apiToken) => $"""
        # Bearer tokens ChatOpsIncidents generated on its first start, because none were configured. Keep this file secret.
        # Alertmanager sends ALERTMANAGER_TOKEN (http_config.authorization.credentials_file); API scripts send API_TOKEN:
        #   . ./{FileName} && curl -H "Authorization: Bearer $API_TOKEN" ...
        # Tokens set in Alertmanager:BearerToken or Api:Tokens:<name> are used instead. Delete this file for new tokens.
        {AlertmanagerKey}={alertmanagerToken}
        {ApiKey}={apiToken}

        """;
}

/// <summary>The token file lacks a token: being written by another replica, or damaged.</summary>
internal sealed class IncompleteTokenFileException(string message) : InvalidOperationException(message);
