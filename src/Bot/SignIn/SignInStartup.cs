using ChatOpsIncidents.Bot.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.SignIn;

internal static partial class SignInStartup
{
    /// <summary>ASP.NET Core's hosted service that reads the key ring at start-up (internal to it, so known by name).</summary>
    private const string KeyRingPrimer = "DataProtectionHostedService";

    /// <summary>
    /// The policies of <see cref="SignInPolicies"/>, the session cookie and anti-forgery, and, when <c>SignIn:Authority</c> is
    /// set, the OpenID Connect provider. Expects <see cref="SecurityStartup.AddAccessControl"/> (the API's bearer tokens).
    /// </summary>
    public static IServiceCollection AddSignIn(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddSingleton<SignInAccess>();
        services.AddSingleton<IAuthorizationHandler, SignInAuthorizationHandler>();
        // One key ring for every replica, in the database: a cookie one replica issued is read by any other.
        services.AddDataProtection().SetApplicationName("ChatOpsIncidents");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory>((keys, scopes) => keys.XmlRepository = new DatabaseKeyRing(scopes));
        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>().Configure<IHostEnvironment>(ConfigureAntiforgery);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SignInJsonContext.Default));

        services.AddAuthentication()
            .AddPolicyScheme(SignInSchemes.TokenOrCookie, null, scheme => scheme.ForwardDefaultSelector = TokenOrCookie)
            .AddCookie(SignInSchemes.Cookie);
        services.AddOptions<CookieAuthenticationOptions>(SignInSchemes.Cookie).Configure<IHostEnvironment, IOptions<SignInOptions>>(SignInEvents.ConfigureSession);

        // The provider's scheme exists only with SignIn:Authority set (its handler would otherwise fail every request it
        // looks at), decided when the settings are read, all of them in: what AddOpenIdConnect registers, but conditional.
        services.AddTransient<OpenIdConnectHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        services.AddOptions<OpenIdConnectOptions>(SignInSchemes.OpenIdConnect).Configure<IHostEnvironment, IOptions<SignInOptions>>(SignInEvents.ConfigureProvider);
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<SignInOptions>>((authentication, signIn) =>
        {
            if (signIn.Value.IsEnabled)
            {
                authentication.AddScheme<OpenIdConnectHandler>(SignInSchemes.OpenIdConnect, null);
            }
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(SignInPolicies.Viewer, policy => policy.AddAuthenticationSchemes(SignInSchemes.TokenOrCookie).AddRequirements(SignInRequirement.See))
            .AddPolicy(SignInPolicies.Responder, policy => policy.AddAuthenticationSchemes(SignInSchemes.TokenOrCookie).AddRequirements(SignInRequirement.Act))
            .AddPolicy(SignInPolicies.SignedInResponder, policy => policy.AddAuthenticationSchemes(SignInSchemes.TokenOrCookie).AddRequirements(SignInRequirement.ActInPerson));
        services.LeaveTheKeyRingToItsFirstUse();
        return services;
    }

    /// <summary>
    /// The key ring (the session cookie, anti-forgery, the dashboard's flash) is read, or its first key made, by the first
    /// request that needs it, not primed at start-up by the framework's hosted service: a bot nobody browses to never loads
    /// System.Private.Xml, and a first start compiles about 2 000 methods fewer (bench/README.md, "Start-up"). That service is
    /// internal to ASP.NET Core, hence its name; a later registration that brought it back would only cost that memory.
    /// </summary>
    private static void LeaveTheKeyRingToItsFirstUse(this IServiceCollection services)
    {
        if (services.FirstOrDefault(service => service.ImplementationType?.Name == KeyRingPrimer) is { } primer)
        {
            services.Remove(primer);
        }
    }

    /// <summary>Says at every start whether sign-in is on, and with which provider (never the client secret).</summary>
    public static void LogSignInStatus(this WebApplication app)
    {
        SignInOptions options = app.Services.GetRequiredService<IOptions<SignInOptions>>().Value;
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInStartup).FullName!);
        if (options.IsEnabled)
        {
            LogSignInOn(logger, options.Authority!);
        }
        else
        {
            LogSignInOff(logger);
        }
    }

    /// <summary>
    /// The bearer token when the request carries one (or when the API takes anonymous writes, which sign-in does not allow),
    /// else the session cookie: a request is one caller, never both.
    /// </summary>
    private static string TokenOrCookie(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || context.RequestServices.GetRequiredService<AccessTokens>().Api.AllowsAnonymous
            ? AccessPolicies.Api
            : SignInSchemes.Cookie;

    private static void ConfigureAntiforgery(AntiforgeryOptions antiforgery, IHostEnvironment environment)
    {
        antiforgery.HeaderName = "X-CSRF-TOKEN";
        antiforgery.Cookie.Name = "chatops-antiforgery";
        antiforgery.Cookie.SecurePolicy = SignInEvents.SecurePolicy(environment);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Sign-in is on with {Authority}: the dashboard and GET /api/... need a signed-in person or an API token")]
    private static partial void LogSignInOn(ILogger logger, string authority);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Sign-in is off: anyone who reaches the bot can read the dashboard and GET /api/incidents; set SignIn:Authority to require sign-in (README, Sign-in)")]
    private static partial void LogSignInOff(ILogger logger);
}
