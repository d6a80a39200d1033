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
    public void Without_card_labels_the_card_shows_the_default_ones()
    {
        Assert.Equal(SlackOptions.DefaultCardLabels, new SlackOptions().EffectiveCardLabels);
        Assert.Equal(["cluster"], new SlackOptions { CardLabels = ["cluster"] }.EffectiveCardLabels);
    }
}
