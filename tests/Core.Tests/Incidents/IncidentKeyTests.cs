using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Core.Tests.Incidents;

public sealed class IncidentKeyTests
{
    [Theory]
    [InlineData("INC-42", 42)]
    [InlineData("inc-7", 7)]
    [InlineData(" 12 ", 12)]
    public void Keys_are_read_with_or_without_their_prefix(string text, long number)
    {
        Assert.True(IncidentKey.TryParse(text, out IncidentKey key));
        Assert.Equal(number, key.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INC-")]
    [InlineData("INC-0")]
    [InlineData("INC--3")]
    [InlineData("INC-4x")]
    [InlineData("SEV-4")]
    public void Anything_else_is_not_a_key(string? text) => Assert.False(IncidentKey.TryParse(text, out _));

    [Fact]
    public void A_key_prints_as_INC_and_its_number() => Assert.Equal("INC-42", new IncidentKey(42).ToString());

    [Theory]
    [InlineData("SEV1", Severity.Sev1)]
    [InlineData("sev3", Severity.Sev3)]
    [InlineData("4", Severity.Sev4)]
    public void Severities_are_read_as_people_write_them(string text, Severity expected)
    {
        Assert.True(SeverityText.TryParse(text, out Severity severity));
        Assert.Equal(expected, severity);
        Assert.Equal($"SEV{(int)expected}", severity.ToDisplay());
    }

    [Theory]
    [InlineData("SEV0")]
    [InlineData("SEV5")]
    [InlineData("critical")]
    [InlineData("")]
    public void Unknown_severities_are_refused(string text) => Assert.False(SeverityText.TryParse(text, out _));
}
