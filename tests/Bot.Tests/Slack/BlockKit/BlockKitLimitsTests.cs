using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Tests.Slack.BlockKit;

/// <summary>Too much text or too many items is cut to Slack's limits, never refused.</summary>
public sealed class BlockKitLimitsTests
{
    private static readonly string s_long = new('x', 5000);

    [Fact]
    public void Header_text_is_cut_to_150_characters_with_an_ellipsis()
    {
        var header = new HeaderBlock(s_long);

        Assert.Equal(150, header.Text.Text.Length);
        Assert.EndsWith("…", header.Text.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_keeps_3000_characters_of_text_and_10_fields_of_2000()
    {
        var section = new SectionBlock(new MrkdwnText(s_long), [.. Enumerable.Range(0, 12).Select(_ => new MrkdwnText(s_long))]);

        Assert.Equal(3000, section.Text!.Text.Length);
        Assert.Equal(10, section.Fields!.Count);
        Assert.All(section.Fields, field => Assert.Equal(2000, field.Text.Length));
    }

    [Fact]
    public void Button_text_is_cut_to_75_and_its_value_to_2000_characters()
    {
        var button = new ButtonElement(s_long, s_long, s_long);

        Assert.Equal(75, button.Text.Text.Length);
        Assert.Equal(2000, button.Value!.Length);
        Assert.Equal(255, button.ActionId.Length);
    }

    [Fact]
    public void Confirm_dialog_texts_are_cut_to_their_limits()
    {
        var confirm = new ConfirmDialog(s_long, new MrkdwnText(s_long), s_long, s_long);

        Assert.Equal(100, confirm.Title.Text.Length);
        Assert.Equal(300, confirm.Text.Text.Length);
        Assert.Equal(30, confirm.Confirm.Text.Length);
        Assert.Equal(30, confirm.Deny.Text.Length);
    }

    [Fact]
    public void Option_text_and_value_are_cut_to_75_characters()
    {
        var option = new MenuOption(s_long, s_long);

        Assert.Equal(75, option.Text.Text.Length);
        Assert.Equal(75, option.Value.Length);
    }

    [Fact]
    public void Element_and_option_counts_are_capped()
    {
        MenuOption[] options = [.. Enumerable.Range(0, 150).Select(i => new MenuOption($"Option {i}", $"{i}"))];

        Assert.Equal(25, new ActionsBlock([.. Enumerable.Range(0, 30).Select(i => new ButtonElement($"b{i}", "B"))]).Elements.Count);
        Assert.Equal(10, new ContextBlock([.. Enumerable.Range(0, 12).Select(i => new PlainText($"{i}"))]).Elements.Count);
        Assert.Equal(5, new OverflowElement("more", options).Options.Count);
        Assert.Equal(100, new StaticSelectElement("pick") { Options = options }.Options!.Count);
        Assert.Equal(100, new OptionGroup("All", options).Options.Count);
    }

    [Fact]
    public void Block_id_is_cut_to_255_characters()
    {
        Assert.Equal(255, new DividerBlock { BlockId = s_long }.BlockId!.Length);
    }

    [Fact]
    public void A_message_keeps_at_most_50_blocks_and_4000_characters_of_fallback_text()
    {
        var message = new SlackMessageContent(s_long, [.. Enumerable.Range(0, 60).Select(_ => new DividerBlock())]);

        Assert.Equal(50, message.Blocks.Count);
        Assert.Equal(4000, message.Text.Length);
    }

    [Fact]
    public void Plain_text_input_lengths_stay_within_3000()
    {
        var input = new PlainTextInputElement("value") { MaxLength = 10_000, InitialValue = s_long };

        Assert.Equal(3000, input.MaxLength);
        Assert.Equal(3000, input.InitialValue!.Length);
    }
}
