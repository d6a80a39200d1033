using ChatOpsIncidents.Bot.Tests.Slack.Requests;
using ChatOpsIncidents.Core.Incidents;
using NSubstitute;

namespace ChatOpsIncidents.Bot.Tests.Slack.Commands;

/// <summary>Issue 17, item 14: the small slips of a tired person, through the real bot.</summary>
public sealed class CommandSlipTests
{
    [Fact]
    public async Task Ack_with_two_keys_acknowledges_both_and_says_which_words_it_ignored()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey first = await bot.DeclareAsync("Checkout down");
        IncidentKey second = await bot.DeclareAsync("Cart down");

        string reply = await bot.ReplyToAsync($"ack {first} {second} please");

        Assert.Equal(
            $"👀 Acknowledged *{first}*: Checkout down\n👀 Acknowledged *{second}*: Cart down\n“please” is not an incident key; ignored.", reply);
        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(first)).Status);
        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(second)).Status);
    }

    [Fact]
    public async Task A_mention_of_an_incident_channel_names_its_incident()
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();
        bot.Channels.FindByChannelAsync("C0INC0007", Arg.Any<CancellationToken>()).Returns(key);

        Assert.Equal($"👀 Acknowledged *{key}*: Checkout latency above SLO", await bot.ReplyToAsync("ack <#C0INC0007|inc-7-checkout>"));
        Assert.Equal(
            "<#C0OPS0001> is not an incident's channel. Usage: `/incident note KEY text`. "
            + "KEY is an incident key such as `INC-42`; in an incident's own channel you can leave it out.",
            await bot.ReplyToAsync("note <#C0OPS0001|ops> hello"));
        Assert.Equal(IncidentStatus.Acknowledged, (await bot.IncidentAsync(key)).Status);
    }

    [Theory]
    [InlineData("akc INC-1", "I don't know `/incident akc`. Did you mean `/incident ack`?")]
    [InlineData("reslove INC-1", "I don't know `/incident reslove`. Did you mean `/incident resolve`?")]
    [InlineData("lsit", "I don't know `/incident lsit`. Did you mean `/incident list`?")]
    public async Task A_mistyped_verb_gets_a_did_you_mean(string text, string expected)
    {
        await using SlackBot bot = await SlackBot.StartAsync();
        IncidentKey key = await bot.DeclareAsync();

        Assert.Equal(expected, await bot.ReplyToAsync(text));
        Assert.Equal(IncidentStatus.Triggered, (await bot.IncidentAsync(key)).Status);
    }
}
