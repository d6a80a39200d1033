using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatOpsIncidents.Bot.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Hosting;

/// <summary>
/// The real bot (Program.cs) on a throwaway SQLite file unless the settings say otherwise, with optional extra
/// settings, a replaceable clock and extra service registrations. Unless the settings speak of the webhook's or the API's
/// access (a token, or AllowAnonymous), that side takes anonymous writes: tests of other behaviour need no token.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bot-test-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _services;

    public BotHost(Dictionary<string, string?>? settings = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqlitePath"] = Path.Combine(_folder, "incidents.db"),
        };
        foreach ((string key, string? value) in settings ?? [])
        {
            _settings[key] = value;
        }
        AllowAnonymousUnlessConfigured("Alertmanager", "Alertmanager:BearerToken");
        AllowAnonymousUnlessConfigured("Api", "Api:Tokens:");
        _time = time;
        _services = services;
    }

    private void AllowAnonymousUnlessConfigured(string section, string tokenKey)
    {
        if (!_settings.Keys.Any(key => key.StartsWith(tokenKey, StringComparison.OrdinalIgnoreCase) || key.Equals($"{section}:AllowAnonymous", StringComparison.OrdinalIgnoreCase)))
        {
            _settings[$"{section}:AllowAnonymous"] = "true";
        }
    }

    /// <summary>
    /// The hosting environment: Testing, or Development for a browser on plain http (outside Development, the session and
    /// anti-forgery cookies are Secure and the pages' forms need https).
    /// </summary>
    public string Environment { get; init; } = "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            if (_time is not null)
            {
                services.AddSingleton(_time);
                // Quartz would run its scheduling loop on the fake clock; tests on a fake clock fire due jobs themselves
                // (Scheduling/EscalationBot.FireDueAsync). Triggers are still stored.
                services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType?.Name == "QuartzHostedService"));
            }
            _services?.Invoke(services);
        });
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string json, string? bearerToken = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, contentType),
        };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return await CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<IncidentListView> ListIncidentsAsync(string query = "")
    {
        IncidentListView? list = await CreateClient().GetFromJsonAsync<IncidentListView>($"/api/incidents{query}", TestContext.Current.CancellationToken);
        return list ?? throw new InvalidOperationException("The API answered null.");
    }

    public async Task<IncidentDetailsView> GetIncidentAsync(string key)
    {
        IncidentDetailsView? incident = await CreateClient().GetFromJsonAsync<IncidentDetailsView>($"/api/incidents/{key}", TestContext.Current.CancellationToken);
        return incident ?? throw new InvalidOperationException("The API answered null.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
