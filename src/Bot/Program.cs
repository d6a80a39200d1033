using ChatOpsIncidents.Bot;
using ChatOpsIncidents.Bot.Alertmanager;
using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.Dashboard;
using ChatOpsIncidents.Bot.Errors;
using ChatOpsIncidents.Bot.Events;
using ChatOpsIncidents.Bot.FollowUps;
using ChatOpsIncidents.Bot.Grafana;
using ChatOpsIncidents.Bot.Health;
using ChatOpsIncidents.Bot.Http;
using ChatOpsIncidents.Bot.Maintenance;
using ChatOpsIncidents.Bot.Metrics;
using ChatOpsIncidents.Bot.Notifications;
using ChatOpsIncidents.Bot.Rbac;
using ChatOpsIncidents.Bot.Reports;
using ChatOpsIncidents.Bot.Scheduling;
using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Silences;
using ChatOpsIncidents.Bot.Slack;
using ChatOpsIncidents.Bot.Slack.Requests;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Core;
using ChatOpsIncidents.Core.Persistence;
using ChatOpsIncidents.Core.Requests;
using ChatOpsIncidents.Runbooks;
using Microsoft.Extensions.Logging.Console;

if (SloCommandLine.Handles(args))
{
    return SloCommandLine.Run(args, Console.Out, Console.Error);
}
if (RbacCommandLine.Handles(args))
{
    return RbacCommandLine.Run(args, Console.Out, Console.Error);
}

// The slim builder leaves out what the bot never uses: HTTP/3 over QUIC, IIS and the Debug logger (bench/README.md, "Start-up").
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration(); // HTTPS endpoints under Kestrel:Endpoints, as with the full builder
builder.Logging.AddEventSourceLogger(); // the logs dotnet-trace and dotnet-monitor read
// The slim builder's console logger is the simple one whatever the configuration says; Logging:Console:FormatterName decides again.
builder.Services.Configure<ConsoleLoggerOptions>(builder.Configuration.GetSection("Logging:Console"));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBody.LargestAccepted);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCore();
builder.Services.AddRunbooks();
builder.Services.AddAlertmanagerWebhook();
builder.Services.AddEvents();
builder.Services.AddIncidentApi();
builder.Services.AddDashboard();
builder.Services.AddSlos();
builder.Services.AddSilences();
builder.Services.AddFollowUpTracker();
builder.Services.AddAccessControl();
builder.Services.AddSignIn();
builder.Services.AddSlack();
builder.Services.AddNotifications();
builder.Services.AddScheduling(builder.Configuration);
builder.Services.AddWeeklyReport();
builder.Services.AddBotHealthChecks();
builder.Services.AddPrometheusMetrics();
builder.Services.AddProblemDetails();
builder.Services.AddSingleton<ClientFaultLog>();
builder.Services.AddExceptionHandler<UnhandledExceptionHandler>();

WebApplication app = builder.Build();

app.UseWebhookMetrics();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthEndpoints();
app.MapAlertmanagerWebhook();
app.MapGrafanaWebhook();
app.MapPagerDutyEvents();
app.MapEventApi();
app.MapSignIn();
// With sign-in on, the API's reads need a signed-in person or an API token (SignInPolicies.Viewer; open while it is off).
RouteGroupBuilder api = app.MapGroup("").RequireAuthorization(SignInPolicies.Viewer);
api.MapIncidentApi();
api.MapSloApi();
api.MapMaintenanceApi();
app.MapDashboard();
app.MapSlackEndpoints();
app.MapMetricsEndpoint();
app.Services.DeclareCoreMetrics();
app.DeclareSlackMetrics();
app.MapOpenApi();

app.LogStartupReport();
app.LogAccessStatus();
app.LogSignInStatus();
app.LogSlackStatus();
await app.Services.InitializeIncidentsDatabaseAsync(app.Lifetime.ApplicationStopping);
app.Services.GetRequiredService<HandledRequests>(); // now, before any request: reads signed before this are refused as possible replays
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
