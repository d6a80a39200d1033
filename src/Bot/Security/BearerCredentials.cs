using System.Security.Cryptography;
using System.Text;

namespace ChatOpsIncidents.Bot.Security;

/// <summary>
/// What one kind of caller must present: a bearer token, known by name (the name is who acted), or nothing when anonymous
/// access was asked for. <see cref="Hint"/> tells a refused caller where the token comes from, without giving it away.
/// </summary>
internal sealed class BearerCredentials
{
    public const string AnonymousName = "anonymous";

    private readonly (string Name, byte[] Hash)[] _tokens;

    private BearerCredentials(IReadOnlyDictionary<string, string> tokensByName, string hint)
    {
        _tokens = [.. tokensByName.Select(pair => (pair.Key, Hash(pair.Value)))];
        Hint = hint;
    }

    public bool AllowsAnonymous => _tokens.Length == 0;

    public string Hint { get; }

    public static BearerCredentials Anonymous { get; } = new(new Dictionary<string, string>(), "");

    public static BearerCredentials Tokens(IReadOnlyDictionary<string, string> tokensByName, string hint)
    {
        ArgumentOutOfRangeException.ThrowIfZero(tokensByName.Count);
        return new(tokensByName, hint);
    }

    /// <summary>
    /// The name of the token <paramref name="presented"/> is, or null. Every token is compared, each in constant time over
    /// hashes, so neither which token matched nor how much of one did shows in the time taken.
    /// </summary>
    public string? NameOf(string presented)
    {
        byte[] hash = Hash(presented);
        string? name = null;
        foreach ((string tokenName, byte[] tokenHash) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, tokenHash))
            {
                name = tokenName;
            }
        }
        return name;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
