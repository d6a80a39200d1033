using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class IncidentOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) => new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddCore()
        .BuildServiceProvider();

    [Fact]
    public void Configured_lists_replace_the_defaults_and_matrix_entries_add_to_them()
    {
        using ServiceProvider services = Services(new()
        {
            ["Incidents:ServiceLabels:0"] = "app",
            ["Incidents:SeverityMatrix:p1"] = "SEV1",
            ["Incidents:ReopenWindow"] = "00:10:00",
        });

        IncidentOptions options = services.GetRequiredService<IOptions<IncidentOptions>>().Value;

        Assert.Equal(["app"], options.ServiceLabels);
        Assert.Equal("SEV1", options.SeverityMatrix["P1"]);
        Assert.Equal("SEV3", options.SeverityMatrix["warning"]);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ReopenWindow);
    }

    [Fact]
    public void A_wrong_severity_in_the_matrix_names_the_key()
    {
        using ServiceProvider services = Services(new() { ["Incidents:SeverityMatrix:warning"] = "SEV9" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IncidentOptions>>().Value);

        Assert.Contains("Incidents:SeverityMatrix:warning must be one of SEV1, SEV2, SEV3, SEV4, was \"SEV9\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_flapping_window_names_the_key()
    {
        using ServiceProvider services = Services(new() { ["Incidents:FlappingWindow"] = "-00:01:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IncidentOptions>>().Value);

        Assert.Contains("Incidents:FlappingWindow must be zero or a positive duration such as \"00:10:00\", was \"-00:01:00\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flapping_threshold_below_two_names_the_key()
    {
        using ServiceProvider services = Services(new() { ["Incidents:FlappingThreshold"] = "1" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IncidentOptions>>().Value);

        Assert.Contains("Incidents:FlappingThreshold must be 2 or more reopenings within Incidents:FlappingWindow, such as 3, was 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_without_a_connection_string_names_the_missing_key()
    {
        using ServiceProvider services = Services(new() { ["Database:Provider"] = "Postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("ConnectionStrings:Incidents is required when Database:Provider is Postgres", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_string_comes_from_ConnectionStrings_Incidents()
    {
        using ServiceProvider services = Services(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Incidents"] = "Host=db;Database=incidents",
        });

        DatabaseOptions options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        Assert.Equal("Host=db;Database=incidents", options.EffectiveConnectionString);
    }
}
