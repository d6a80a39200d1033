using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class SeverityTextTests
{
    [Theory]
    [InlineData("SEV1", Severity.Sev1)]
    [InlineData("sev2", Severity.Sev2)]
    [InlineData("sev 2", Severity.Sev2)]
    [InlineData("Sev-3", Severity.Sev3)]
    [InlineData("P1", Severity.Sev1)]
    [InlineData("p4", Severity.Sev4)]
    [InlineData(" 3 ", Severity.Sev3)]
    public void Every_spelling_people_type_reads_as_the_severity(string text, Severity expected)
    {
        Assert.True(SeverityText.TryParse(text, out Severity severity));
        Assert.Equal(expected, severity);
    }

    [Theory]
    [InlineData("SEV0")]
    [InlineData("P5")]
    [InlineData("sev")]
    [InlineData("sev 2 now")]
    [InlineData("12")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_no_severity(string? text) => Assert.False(SeverityText.TryParse(text, out _));

    [Theory]
    [InlineData("P1 Checkout down", "P1", "Checkout down")]
    [InlineData("sev 2 Checkout down", "sev 2", "Checkout down")]
    [InlineData("SEV-9 Checkout down", "SEV-9", "Checkout down")]
    [InlineData("2 pods down", null, "2 pods down")]
    [InlineData("severe errors", null, "severe errors")]
    [InlineData("P2P sync broken", null, "P2P sync broken")]
    public void A_leading_severity_is_split_off_a_title(string text, string? expected, string rest)
    {
        Assert.Equal(expected, SeverityText.SplitLeading(text, out string after));
        Assert.Equal(rest, after);
    }
}
