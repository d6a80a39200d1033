using System.Diagnostics;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary><c>slo rules FILE...</c>, in process and as the built bot.</summary>
public sealed class SloCommandLineTests
{
    private static readonly string s_specs = Path.Combine(Repository.Root, "deploy", "prometheus", "slos");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> ShippedSpecs => [.. Directory.GetFiles(s_specs, "*.yml").Select(file => Path.GetFileNameWithoutExtension(file)).Order(StringComparer.Ordinal)];

    /// <summary>The rules in deploy/prometheus/rules/ are what the command makes of the specs beside them: change a spec, generate again.</summary>
    [Theory]
    [MemberData(nameof(ShippedSpecs))]
    public void The_committed_rules_are_what_slo_rules_generates_from_the_committed_spec(string name)
    {
        string committed = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "prometheus", "rules", $"{name}-slos.yml"));

        (int exitCode, string output, string error) = Run("slo", "rules", Path.Combine(s_specs, $"{name}.yml"));

        Assert.Equal((0, ""), (exitCode, error));
        Assert.True(committed == output,
            $"deploy/prometheus/rules/{name}-slos.yml is not what `slo rules deploy/prometheus/slos/{name}.yml` writes; generate it again (see the README, \"SLOs\").");
    }

    [Theory]
    [InlineData]
    [InlineData("slo")]
    [InlineData("slo", "rules")]
    [InlineData("slo", "generate", "x.yml")]
    public void Wrong_arguments_print_the_usage_and_exit_with_2(params string[] args)
    {
        (int exitCode, string output, string error) = Run(args);

        Assert.Equal((2, ""), (exitCode, output));
        Assert.StartsWith("Usage: slo rules FILE...", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_spec_prints_why_and_no_rules_and_exits_with_1()
    {
        (int exitCode, string output, string error) = Run("slo", "rules", Path.Combine(s_specs, "example.yml"), Path.Combine(s_specs, "missing.yml"));

        Assert.Equal((1, ""), (exitCode, output));
        Assert.StartsWith($"SLO file {Path.Combine(s_specs, "missing.yml")}: file: cannot be read:", error, StringComparison.Ordinal);
    }

    /// <summary>Settings that would stop the web host (PostgreSQL without a connection string) prove it is never built.</summary>
    [Fact]
    public async Task The_built_bot_prints_the_rules_without_settings_a_database_or_a_web_host()
    {
        string folder = Directory.CreateTempSubdirectory("slo-rules-").FullName;
        try
        {
            var startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
                Environment = { ["Database__Provider"] = "Postgres", ["ASPNETCORE_URLS"] = "http://127.0.0.1:1" },
            };
            foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "ChatOpsIncidents.Bot.dll"), "slo", "rules", Path.Combine(s_specs, "example.yml") })
            {
                startInfo.ArgumentList.Add(argument);
            }
            using Process bot = Process.Start(startInfo)!;
            Task<string> output = bot.StandardOutput.ReadToEndAsync(Ct);
            Task<string> error = bot.StandardError.ReadToEndAsync(Ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(TimeSpan.FromSeconds(60));
            await bot.WaitForExitAsync(limit.Token);

            Assert.Equal((0, ""), (bot.ExitCode, await error));
            Assert.Equal(Run("slo", "rules", Path.Combine(s_specs, "example.yml")).Output, await output);
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = SloCommandLine.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
