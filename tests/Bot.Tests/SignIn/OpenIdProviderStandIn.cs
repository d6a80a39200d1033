using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>
/// An OpenID Connect provider on a free 127.0.0.1 port, in the real wire format: discovery document, authorization endpoint
/// (code flow; PKCE with S256, state and nonce required), token endpoint (client_secret_post, the code verifier checked),
/// JWKS with a test RSA key, userinfo. It signs in <see cref="Account"/> without asking, as a provider does for a person
/// signed in there already, and issues a bad ID token when told (<see cref="Fault"/>).
/// </summary>
public sealed class OpenIdProviderStandIn : IAsyncDisposable
{
    public const string ClientId = "chatops-dashboard";
    public const string ClientSecret = "stand-in-client-secret";
    private const string KeyId = "stand-in-key-1";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderAccount> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _authorizeRequests = new();
    private string _issuer = "";

    private OpenIdProviderStandIn(WebApplication app) => _app = app;

    /// <summary>The issuer, and the bot's <c>SignIn:Authority</c>: <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Issuer => _issuer;

    public ProviderAccount Account { get; set; } = ProviderAccount.Ann;

    public ProviderFault Fault { get; set; }

    /// <summary>The query of every authorization request, in arrival order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> AuthorizeRequests => [.. _authorizeRequests];

    public static async Task<OpenIdProviderStandIn> StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var provider = new OpenIdProviderStandIn(app);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/jwks", provider.Keys);
        app.MapGet("/userinfo", provider.UserInfo);
        await app.StartAsync(cancellationToken);
        provider._issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return provider;
    }

    private IResult Discovery() => Results.Json(new JsonObject
    {
        ["issuer"] = _issuer,
        ["authorization_endpoint"] = $"{_issuer}/authorize",
        ["token_endpoint"] = $"{_issuer}/token",
        ["jwks_uri"] = $"{_issuer}/jwks",
        ["userinfo_endpoint"] = $"{_issuer}/userinfo",
        ["response_types_supported"] = new JsonArray("code"),
        ["response_modes_supported"] = new JsonArray("query"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post"),
        ["scopes_supported"] = new JsonArray("openid", "profile", "email"),
    });

    private IResult Authorize(HttpRequest request)
    {
        Dictionary<string, string> query = request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        _authorizeRequests.Enqueue(query);
        string Param(string name) => query.GetValueOrDefault(name, "");
        string? error = Param("client_id") != ClientId ? "unknown client_id"
            : Param("response_type") != "code" ? "response_type must be code"
            : !Param("scope").Split(' ').Contains("openid") ? "scope lacks openid"
            : Param("code_challenge_method") != "S256" || Param("code_challenge").Length < 43 ? "PKCE with S256 is required"
            : Param("state").Length == 0 || Param("nonce").Length == 0 ? "state and nonce are required"
            : !Uri.TryCreate(Param("redirect_uri"), UriKind.Absolute, out _) ? "redirect_uri is required"
            : null;
        if (error is not null)
        {
            return Results.BadRequest(error);
        }
        string code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new IssuedCode(Account, Param("redirect_uri"), Param("nonce"), Param("code_challenge"));
        return Results.Redirect(QueryHelpers.AddQueryString(Param("redirect_uri"), new Dictionary<string, string?> { ["code"] = code, ["state"] = Param("state") }));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        IFormCollection form = await request.ReadFormAsync();
        string Field(string name) => form[name].ToString();
        if (Field("client_id") != ClientId || Field("client_secret") != ClientSecret)
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        string verifierHash = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Field("code_verifier"))));
        if (Field("grant_type") != "authorization_code" || !_codes.TryRemove(Field("code"), out IssuedCode? issued)
            || issued.RedirectUri != Field("redirect_uri") || issued.CodeChallenge != verifierHash)
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }
        string accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _accessTokens[accessToken] = issued.Account;
        return Results.Json(new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["id_token"] = IdToken(issued),
        });
    }

    private string IdToken(IssuedCode issued)
    {
        DateTime now = DateTime.UtcNow;
        DateTime issuedAt = Fault == ProviderFault.Expired ? now.AddHours(-2) : now;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Fault == ProviderFault.WrongIssuer ? "https://issuer.invalid" : _issuer,
            Audience = Fault == ProviderFault.WrongAudience ? "another-client" : ClientId,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = issued.Account.Subject,
                ["name"] = issued.Account.Name,
                ["nonce"] = Fault == ProviderFault.WrongNonce ? "not-the-nonce-that-was-sent" : issued.Nonce,
            },
            SigningCredentials = new SigningCredentials(
                new RsaSecurityKey(Fault == ProviderFault.BadSignature ? _otherKey : _key) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private IResult Keys()
    {
        RSAParameters key = _key.ExportParameters(includePrivateParameters: false);
        return Results.Json(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = KeyId,
                ["n"] = Base64UrlEncoder.Encode(key.Modulus),
                ["e"] = Base64UrlEncoder.Encode(key.Exponent),
            }),
        });
    }

    private IResult UserInfo(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out ProviderAccount? account))
        {
            return Results.Unauthorized();
        }
        var user = new JsonObject { ["sub"] = account.Subject, ["name"] = account.Name };
        if (account.EmailVerified is { } verified)
        {
            user["email_verified"] = verified;
        }
        if (account.Email is not null)
        {
            user["email"] = account.Email;
        }
        foreach ((string claim, object value) in account.Claims ?? new Dictionary<string, object>())
        {
            user[claim] = value is string[] values ? new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]) : JsonValue.Create(value.ToString());
        }
        return Results.Json(user);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        _otherKey.Dispose();
    }

    private sealed record IssuedCode(ProviderAccount Account, string RedirectUri, string Nonce, string CodeChallenge);
}
