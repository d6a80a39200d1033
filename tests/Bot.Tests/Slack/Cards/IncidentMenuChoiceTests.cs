using ChatOpsIncidents.Bot.Slack.Cards;
using ChatOpsIncidents.Core.Incidents;

namespace ChatOpsIncidents.Bot.Tests.Slack.Cards;

public sealed class IncidentMenuChoiceTests
{
    [Fact]
    public void A_severity_choice_reads_back_from_its_value()
    {
        IncidentMenuChoice choice = IncidentMenuChoice.ChangeSeverity(new IncidentKey(42), Severity.Sev1);

        Assert.Equal("INC-42|severity|SEV1", choice.Value);
        Assert.True(IncidentMenuChoice.TryParse(choice.Value, out IncidentMenuChoice? parsed));
        Assert.Equal(choice, parsed);
    }

    [Fact]
    public void A_runbook_choice_reads_back_from_its_value_even_with_a_separator_in_the_id()
    {
        IncidentMenuChoice choice = IncidentMenuChoice.RunRunbook(new IncidentKey(42), "restart|deployment");

        Assert.Equal("INC-42|runbook|restart|deployment", choice.Value);
        Assert.True(IncidentMenuChoice.TryParse(choice.Value, out IncidentMenuChoice? parsed));
        Assert.Equal("restart|deployment", parsed.RunbookId);
        Assert.Null(parsed.Severity);
        Assert.Equal(new IncidentKey(42), parsed.Key);
    }

    [Fact]
    public void A_dry_run_choice_reads_back_as_a_dry_run_of_that_runbook()
    {
        IncidentMenuChoice choice = IncidentMenuChoice.RunRunbook(new IncidentKey(42), "pod-crash-loop", dryRun: true);

        Assert.Equal("INC-42|dryrun|pod-crash-loop", choice.Value);
        Assert.True(IncidentMenuChoice.TryParse(choice.Value, out IncidentMenuChoice? parsed));
        Assert.Equal(("pod-crash-loop", true), (parsed.RunbookId, parsed.DryRun));
        Assert.False(IncidentMenuChoice.TryParse("INC-42|runbook|pod-crash-loop", out IncidentMenuChoice? real) && real.DryRun);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INC-42")]
    [InlineData("INC-42|severity|SEV9")]
    [InlineData("INC-42|runbook|")]
    [InlineData("INC-x|runbook|restart")]
    [InlineData("INC-42|reboot|now")]
    public void Anything_else_is_not_a_menu_choice(string? value)
    {
        Assert.False(IncidentMenuChoice.TryParse(value, out _));
    }
}
