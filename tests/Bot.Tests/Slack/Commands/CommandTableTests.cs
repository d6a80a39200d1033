using ChatOpsIncidents.Bot.Slack.Commands;
using ChatOpsIncidents.Bot.Slack.Maintenance;
using ChatOpsIncidents.Bot.Slack.Runbooks;
using ChatOpsIncidents.Bot.Slack.Slos;
using ChatOpsIncidents.Core.Incidents;
using ChatOpsIncidents.TestSupport;

namespace ChatOpsIncidents.Bot.Tests.Slack.Commands;

/// <summary>The command tables: the one place verbs, usage lines and help live, and what <c>help</c> and the README show of them.</summary>
public sealed class CommandTableTests
{
    public static TheoryData<string> Tables => [IncidentCommands.Name, RunbookCommands.Name, SloCommands.Name, MaintenanceCommands.Name];

    [Theory]
    [MemberData(nameof(Tables))]
    public void Every_verb_has_a_usage_line_and_a_one_line_help_and_help_lists_them_all(string name)
    {
        CommandTable table = TableNamed(name);

        Assert.Equal("help", table.Verbs[0].Name);
        Assert.All(table.Verbs, verb =>
        {
            Assert.StartsWith(verb.Name, verb.Usage, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(verb.Help));
            Assert.DoesNotContain('\n', verb.Help);
            Assert.Contains($"\n• `{name} {verb.Usage}` {CommandTable.Describe(verb)}", table.Help, StringComparison.Ordinal);
        });
        string[] words = [.. table.Verbs.SelectMany(verb => verb.Aliases.Prepend(verb.Name))];
        Assert.Equal(words.Length, words.Distinct().Count());
        Assert.Equal(table.Verbs.Count + 1, table.Help.Split('\n').Length);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void The_README_lists_the_verbs_as_the_table_has_them(string name)
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        IEnumerable<string> rows = TableNamed(name).Verbs.Select(verb => $"| `{name} {verb.Usage.Replace("|", "\\|", StringComparison.Ordinal)}` | {CommandTable.Describe(verb)} |");
        string expected = string.Join('\n', rows.Prepend("| --- | --- |").Prepend("| command | what it does |"));

        Assert.Contains(expected + "\n\n", readme.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>Issue 17, README: the manifests' <c>/incident</c> hint left out <c>oncall</c>, <c>followup</c> and <c>postmortem</c>.</summary>
    [Theory]
    [InlineData("slack-app-manifest.yaml")]
    [InlineData("slack-app-manifest.socket-mode.yaml")]
    public void The_manifests_usage_hint_names_every_incident_verb(string manifest)
    {
        string hint = File.ReadLines(Path.Combine(Repository.Root, manifest))
            .SkipWhile(line => !line.Contains("command: /incident", StringComparison.Ordinal))
            .First(line => line.TrimStart().StartsWith("usage_hint:", StringComparison.Ordinal));

        string[] hinted = [.. hint.Split(':', 2)[1].Trim().Trim('"').Split(" | ").Select(usage => usage.Split(' ')[0])];
        Assert.Equal(IncidentCommands.Table.Verbs.Select(verb => verb.Name).Order(), hinted.Order());
    }

    [Theory]
    [InlineData("ack INC-42", "ack", "Key", 42)]
    [InlineData("  ACK   inc-42  ", "ack", "Key", 42)]
    [InlineData("severity 2", "severity", "Number", 2)]
    [InlineData("ack INC-one", "ack", "Malformed", 0)]
    [InlineData("note pods restarted", "note", "None", 0)]
    [InlineData("list", "list", "None", 0)]
    [InlineData("", "help", "None", 0)]
    public void A_command_is_read_once_into_its_verb_the_incident_it_names_and_the_words_after(string text, string verb, string kind, long key)
    {
        ParsedCommand command = ParsedCommand.Parse(text);

        Assert.Equal((verb, kind, new IncidentKey(key)), (command.Verb, command.Reference.Kind.ToString(), command.Reference.Key));
        Assert.Equal(text.Trim().Split(' ', 2, StringSplitOptions.TrimEntries).ElementAtOrDefault(1) ?? "", command.Arguments.Rest);
    }

    private static CommandTable TableNamed(string name) => name switch
    {
        IncidentCommands.Name => IncidentCommands.Table,
        RunbookCommands.Name => RunbookCommands.Table,
        MaintenanceCommands.Name => MaintenanceCommands.Table,
        _ => SloCommands.Table,
    };
}
