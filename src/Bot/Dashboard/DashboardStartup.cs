using ChatOpsIncidents.Bot.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// The web dashboard: server-rendered Razor Pages under <c>Dashboard/Pages</c>, their CSS and script from <c>wwwroot/dashboard</c>
/// (no CDN: many sites are air-gapped), and a Server-Sent Events stream that tells open pages when something changed. Readers
/// are those <see cref="SignInPolicies.Viewer"/> admits; the forms are for those <see cref="SignInPolicies.SignedInResponder"/>
/// admits, and what a form did is told once on the next page (<see cref="Flash"/>, in a cookie of its own).
/// </summary>
internal static class DashboardStartup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard/Pages";
            pages.Conventions.ConfigureFilter(new DashboardSecurityHeaders());
        })
        // No controllers here: MVC would otherwise go through every type of the bot looking for them at start-up, loading the
        // assemblies of rarely used features (Octokit) with them.
        .ConfigureApplicationPartManager(parts => parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ControllerFeatureProvider>().Single()));
        services.AddOptions<CookieTempDataProviderOptions>().Configure<IHostEnvironment>((flash, environment) =>
        {
            flash.Cookie.Name = "chatops-flash";
            flash.Cookie.SecurePolicy = SignInEvents.SecurePolicy(environment);
        });
        services.AddSingleton<DashboardChangeFeed>();
        services.AddSingleton<InsightsFiguresCache>();
        services.AddHostedService(provider => provider.GetRequiredService<DashboardChangeFeed>());
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseStaticFiles();
        // With sign-in on, a signed-in person (or an API token) reads; an anonymous browser is sent to /signin.
        app.MapRazorPages().RequireAuthorization(SignInPolicies.Viewer);
        app.MapDashboardChanges().RequireAuthorization(SignInPolicies.Viewer);
        return app;
    }
}
