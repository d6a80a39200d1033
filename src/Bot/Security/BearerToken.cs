using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace ChatOpsIncidents.Bot.Security;

internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>True when the request carries <c>Authorization: Bearer &lt;expected&gt;</c>, compared in constant time.</summary>
    public static bool IsPresented(HttpRequest request, string expected)
    {
        string header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        // Hashing first makes the comparison independent of the token's length, too.
        byte[] presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    public static IResult Challenge(string detail)
    {
        return new ChallengeResult(detail);
    }

    private sealed class ChallengeResult(string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(httpContext);
        }
    }
}
