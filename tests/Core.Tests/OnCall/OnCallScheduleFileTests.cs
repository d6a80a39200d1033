using ChatOpsIncidents.Core.OnCall;

namespace ChatOpsIncidents.Core.Tests.OnCall;

public sealed class OnCallScheduleFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oncall-file-").FullName;

    private string Write(string yaml)
    {
        string path = Path.Combine(_folder, "oncall.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void The_file_adds_its_schedules_to_the_configured_ones_and_wins_on_a_name_clash()
    {
        var options = new OnCallOptions
        {
            Schedules =
            {
                ["primary"] = new OnCallSchedule { Layers = [new OnCallLayer { Participants = ["UOLD"] }] },
                ["database"] = new OnCallSchedule { Layers = [new OnCallLayer { Participants = ["UDBA"] }] },
            },
            SchedulesFile = Write("""
                # managed by the SRE team
                schedules:
                  Primary:
                    timeZone: Europe/Berlin
                    layers:
                      - participants: [UALICE, UBOB]
                        rotationHours: 12
                        handoffTime: "09:00"
                        startDate: 2026-03-27
                    overrides:
                      - user: UCAROL
                        from: 2026-03-28T12:00:00+01:00
                        to: 2026-03-28T14:00:00+01:00
                """),
        };

        OnCallScheduleFile.AddTo(options);

        Assert.Equal(["database", "primary"], options.Schedules.Keys.Order(StringComparer.Ordinal));
        OnCallSchedule primary = options.Schedules["primary"];
        Assert.Equal(["UBOB"], OnCallCalculator.WhoIsOnCall(primary, new DateTimeOffset(2026, 3, 27, 21, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal(["UCAROL"], OnCallCalculator.WhoIsOnCall(primary, new DateTimeOffset(2026, 3, 28, 13, 0, 0, TimeSpan.FromHours(1))));
    }

    [Theory]
    [InlineData(null, "cannot read the schedules in")]
    [InlineData("schedules: [unclosed", "cannot read the schedules in")]
    [InlineData("- just\n- a list\n", "must hold one YAML document, a mapping with \"schedules\" at its top")]
    public void A_missing_or_malformed_file_stops_the_start_with_the_setting_and_the_file_named(string? yaml, string expected)
    {
        string path = yaml is null ? Path.Combine(_folder, "missing.yaml") : Write(yaml);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => OnCallScheduleFile.AddTo(new OnCallOptions { SchedulesFile = path }));

        Assert.StartsWith($"OnCall:SchedulesFile: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
