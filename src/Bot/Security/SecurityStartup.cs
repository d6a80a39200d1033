using ChatOpsIncidents.Bot.Alertmanager;
using ChatOpsIncidents.Bot.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Security;

internal static partial class SecurityStartup
{
    /// <summary>The tokens and the bearer-token schemes and policies of <see cref="AccessPolicies"/>; expects the Alertmanager and API options bound.</summary>
    public static IServiceCollection AddAccessControl(this IServiceCollection services)
    {
        services.AddSingleton<AccessOptionsValidator>();
        services.AddSingleton<IValidateOptions<AlertmanagerOptions>>(provider => provider.GetRequiredService<AccessOptionsValidator>());
        services.AddSingleton<IValidateOptions<ApiOptions>>(provider => provider.GetRequiredService<AccessOptionsValidator>());
        services.AddSingleton<AccessTokens>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AccessPolicies.Alertmanager, null)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AccessPolicies.Api, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Alertmanager, policy => policy.AddAuthenticationSchemes(AccessPolicies.Alertmanager).RequireAuthenticatedUser())
            .AddPolicy(AccessPolicies.Api, policy => policy.AddAuthenticationSchemes(AccessPolicies.Api).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Settles the tokens (generating them on a first start) and says at every start who may write, never a token.</summary>
    public static void LogAccessStatus(this WebApplication app)
    {
        AccessTokens tokens = app.Services.GetRequiredService<AccessTokens>();
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityStartup).FullName!);
        if (tokens.Alertmanager.AllowsAnonymous)
        {
            LogAnonymousWebhook(logger);
        }
        if (tokens.Api.AllowsAnonymous)
        {
            LogAnonymousApi(logger);
        }
        if (tokens.Generated is { } generated)
        {
            LogGeneratedTokens(logger, generated.Path);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "Alertmanager:AllowAnonymous is true: anyone who can reach POST /webhooks/alertmanager can open and resolve incidents. Set Alertmanager:BearerToken instead.")]
    private static partial void LogAnonymousWebhook(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "Api:AllowAnonymous is true: anyone who can reach the API can declare, acknowledge and resolve incidents. Set Api:Tokens:<name> instead.")]
    private static partial void LogAnonymousApi(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information,
        Message = "Writes without a configured token take the tokens generated in {Path} (ALERTMANAGER_TOKEN for Alertmanager, API_TOKEN for the API); see README, Security")]
    private static partial void LogGeneratedTokens(ILogger logger, string path);
}
