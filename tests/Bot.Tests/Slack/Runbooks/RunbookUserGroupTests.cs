using ChatOpsIncidents.Bot.Tests.Slack.Requests;

namespace ChatOpsIncidents.Bot.Tests.Slack.Runbooks;

/// <summary>
/// A runbook whose <c>allowed</c> names a Slack user group (<c>@sre-oncall</c>), run from Slack as a dry run: the bot asks
/// the Slack stand-in's <c>usergroups.list</c> who is in the group.
/// </summary>
public sealed class RunbookUserGroupTests : IAsyncLifetime
{
    private const string Runbook = """
        ---
        id: restricted-restart
        title: Restricted restart
        summary: Only the SRE on-call group may run it.
        params:
          - name: namespace
            description: the namespace
          - name: deployment
            description: the deployment
        steps:
          - kind: kubernetes.restart
        allowed: ["@sre-oncall"]
        ---
        Restart it.
        """;

    private const string DryRun = "run restricted-restart namespace=payments deployment=checkout-api --dry-run";
    private const string Refused = "🚫 You may not run restricted-restart: it is limited to @sre-oncall.";
    private readonly string _folder = Directory.CreateTempSubdirectory("runbook-groups-").FullName;
    private SlackBot _bot = null!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "restricted-restart.md"), Runbook, TestContext.Current.CancellationToken);
        _bot = await SlackBot.StartAsync(new Dictionary<string, string?>
        {
            ["Runbooks:Directory"] = _folder,
            ["Kubernetes:AllowedNamespaces:0"] = "payments",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_member_of_the_allowed_Slack_user_group_may_run_it_and_someone_outside_it_may_not()
    {
        _bot.Slack.Workspace.AddUserGroup("sre-oncall", SlackBot.UserId);

        string member = await RunAsync(SlackBot.UserId);
        string outsider = await RunAsync(SlackBot.OtherUserId);

        Assert.StartsWith("🧪 Dry run of `restricted-restart`", member, StringComparison.Ordinal);
        Assert.Equal(Refused, outsider);
        RecordedCall listed = Assert.Single(_bot.Slack.CallsTo("usergroups.list")); // read once, kept for a minute
        Assert.Equal("true", listed.Form!["include_users"]);
    }

    [Fact]
    public async Task When_Slack_does_not_list_its_user_groups_the_runbook_is_refused_and_the_next_request_asks_again()
    {
        _bot.Slack.Workspace.AddUserGroup("sre-oncall", SlackBot.UserId);
        _bot.Slack.InjectFault(SlackFault.Error("missing_scope"), method: "usergroups.list");

        string refused = await RunAsync(SlackBot.UserId);
        string allowed = await RunAsync(SlackBot.UserId);

        Assert.Equal(Refused, refused);
        Assert.StartsWith("🧪 Dry run of `restricted-restart`", allowed, StringComparison.Ordinal);
        Assert.Equal(2, _bot.Slack.CallsTo("usergroups.list").Count);
    }

    private async Task<string> RunAsync(string user) => await SlackBot.ReplyTextAsync(await _bot.CommandAsync(DryRun, user, command: "/runbook"));
}
