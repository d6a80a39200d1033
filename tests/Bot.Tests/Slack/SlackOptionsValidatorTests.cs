using ChatOpsIncidents.Bot.Slack;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Slack;

public sealed class SlackOptionsValidatorTests
{
    [Fact]
    public void An_empty_card_label_is_refused_naming_the_key()
    {
        ValidateOptionsResult result = new SlackOptionsValidator().Validate(null, new SlackOptions { CardLabels = ["instance", " "] });

        Assert.Equal("Slack:CardLabels must list alert label names such as \"instance\"; an entry is empty.", result.FailureMessage);
    }

    [Fact]
    public void A_channel_policy_that_is_no_severity_is_refused_naming_the_key()
    {
        ValidateOptionsResult result = new SlackOptionsValidator().Validate(null, new SlackOptions { ChannelFor = "critical" });

        Assert.Equal(
            "Slack:ChannelFor must be a severity from \"SEV1\" to \"SEV4\" (the least severe incident with a channel of its own), was \"critical\".",
            result.FailureMessage);
    }

    [Fact]
    public void Without_card_labels_the_card_shows_the_default_ones()
    {
        Assert.Equal(SlackOptions.DefaultCardLabels, new SlackOptions().EffectiveCardLabels);
        Assert.Equal(["cluster"], new SlackOptions { CardLabels = ["cluster"] }.EffectiveCardLabels);
    }
}
