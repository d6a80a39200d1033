namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>
/// The web dashboard: server-rendered Razor Pages under <c>Dashboard/Pages</c>, their CSS and script from <c>wwwroot/dashboard</c>
/// (no CDN: many sites are air-gapped), and a Server-Sent Events stream that tells open pages when something changed.
/// </summary>
internal static class DashboardStartup
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(pages =>
        {
            pages.RootDirectory = "/Dashboard/Pages";
            pages.Conventions.ConfigureFilter(new DashboardSecurityHeaders());
        });
        return services;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapDashboardChanges();
        return app;
    }
}
