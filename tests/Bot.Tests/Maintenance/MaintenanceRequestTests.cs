using ChatOpsIncidents.Bot.Maintenance;
using ChatOpsIncidents.Bot.Silences;

namespace ChatOpsIncidents.Bot.Tests.Maintenance;

public sealed class MaintenanceRequestTests
{
    [Fact]
    public void Matchers_start_length_and_reason_are_read_from_the_command()
    {
        MaintenanceRequest? request = MaintenanceRequest.Parse("service=checkout namespace=payments from 2026-12-08 22:00 for 2h \"database upgrade\"", out string? error);

        Assert.Null(error);
        Assert.NotNull(request);
        Assert.Equal([new SilenceMatcher("service", "checkout"), new SilenceMatcher("namespace", "payments")], request.Matchers);
        Assert.Equal(("2026-12-08 22:00", TimeSpan.FromHours(2), "database upgrade"), (request.Start, request.Length, request.Reason));
        Assert.Equal("service=\"checkout\", namespace=\"payments\"", MaintenanceRequest.Describe(request.Matchers));
    }

    [Theory]
    [InlineData("service=checkout for 2h \"x\"", "Say which alerts, from when")]
    [InlineData("checkout from now for 2h \"x\"", "“checkout” is not a label matcher")]
    [InlineData("service=checkout from now for 8d \"x\"", "“8d” is not a duration")]
    [InlineData("service=checkout from now for until-resolved \"x\"", "“until-resolved” is not a duration")]
    [InlineData("service=checkout from now for 2h", "Say why")]
    [InlineData("a=1 b=1 c=1 d=1 e=1 f=1 g=1 h=1 i=1 j=1 k=1 from now for 2h \"x\"", "At most 10 matchers")]
    public void A_command_missing_a_part_or_beyond_its_bounds_is_refused_saying_what_to_write(string text, string why)
    {
        Assert.Null(MaintenanceRequest.Parse(text, out string? error));
        Assert.StartsWith(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reason_beyond_its_limit_is_refused()
    {
        Assert.Null(MaintenanceRequest.Parse($"service=checkout from now for 2h \"{new string('x', MaintenanceRequest.MaxReason + 1)}\"", out string? error));
        Assert.Equal($"That reason is too long: {MaintenanceRequest.MaxReason + 1} characters, at most {MaintenanceRequest.MaxReason}.", error);
    }
}
