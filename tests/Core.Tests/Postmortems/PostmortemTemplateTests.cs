using ChatOpsIncidents.Core.Postmortems;
using ChatOpsIncidents.TestSupport;
using Microsoft.Extensions.Options;
using Scriban.Syntax;

namespace ChatOpsIncidents.Core.Tests.Postmortems;

public sealed class PostmortemTemplateTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.Zero));
    private readonly string _folder = Directory.CreateTempSubdirectory("postmortem-template-").FullName;

    private static PostmortemDocument Document { get; } = new(
        "INC-7", "Checkout returns 502s", "Half of all requests fail.", "SEV1", "checkout", "production", "shop", 1,
        "2026-03-02 09:15:00", "2026-03-02 09:15:00", "—", "—", "—", "—",
        [new PostmortemTimelineLine("2026-03-02 09:15:00", "Alertmanager", "Alert CheckoutErrors firing")],
        [new PostmortemAlertLine("CheckoutErrors", "firing", "2026-03-02 09:14:00", "—", "5xx above 5 %")],
        [],
        ["@UALICE"],
        [new PostmortemActionItem("Add a canary", null)]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteTemplate(string text)
    {
        string path = Path.Combine(_folder, $"{Guid.NewGuid():N}.md");
        File.WriteAllText(path, text);
        return path;
    }

    private string Render(string template) =>
        new PostmortemRenderer(Options.Create(new PostmortemOptions { TemplatePath = WriteTemplate(template) }), _time).Render(Document);

    [Fact]
    public void The_built_in_template_lists_environment_namespace_alerts_with_their_summary_and_action_items_without_owner()
    {
        string draft = new PostmortemRenderer(Options.Create(new PostmortemOptions()), _time).Render(Document);

        Assert.Contains("- Services: checkout\n- Environment: production\n- Namespace: shop\n- Alerts: 1\n", draft, StringComparison.Ordinal);
        Assert.Contains("## Alerts\n\n- CheckoutErrors (firing), 2026-03-02 09:14:00 → —: 5xx above 5 %\n\n## Runbooks run\n\nNo runbooks were run.\n", draft, StringComparison.Ordinal);
        Assert.EndsWith("## Action items\n\n- [ ] Add a canary\n", draft, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_with_a_syntax_error_is_refused_at_start_up_naming_the_file_line_and_column()
    {
        string path = WriteTemplate("# {{ key }}\n\n{{ for line in timeline }}\n- {{ line.at }\n");

        ValidateOptionsResult result = new PostmortemOptionsValidator().Validate(null, new PostmortemOptions { TemplatePath = path });

        Assert.True(result.Failed);
        Assert.StartsWith($"Postmortems:TemplatePath names a template with syntax errors: {path}(4,", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(" : error : ", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_loops_without_end_is_stopped_at_the_loop_limit()
    {
        var stopped = Assert.Throws<ScriptRuntimeException>(() => Render("{{ while true }}x{{ end }}"));

        Assert.Contains($"{PostmortemTemplate.LoopLimit}", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_loops_share_one_loop_limit()
    {
        var stopped = Assert.Throws<ScriptRuntimeException>(() => Render("{{ for a in 1..1000 }}{{ for b in 1..1000 }}{{ end }}{{ end }}"));

        Assert.Contains("iteration limit", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recursion_deeper_than_the_limit_is_stopped()
    {
        var stopped = Assert.Throws<ScriptRuntimeException>(() => Render("{{ func down(n)\n ret down(n + 1)\nend\ndown(0) }}"));

        Assert.Contains($"{PostmortemTemplate.RecursiveLimit}", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_that_stays_within_every_limit_but_never_ends_is_aborted_after_the_render_timeout()
    {
        // 2^40 calls, each within the recursion limit and without a loop: only the time limit stops it.
        string path = WriteTemplate("{{ func twice(n)\n if n > 0\n twice(n - 1)\n twice(n - 1)\n end\nend\ntwice(40) }}");
        var renderer = new PostmortemRenderer(Options.Create(new PostmortemOptions { TemplatePath = path }), _time);
        Task<string> render = Task.Run(() => renderer.Render(Document), TestContext.Current.CancellationToken);
        await Task.Delay(200, TestContext.Current.CancellationToken);

        _time.Advance(PostmortemTemplate.RenderTimeout);

        await Assert.ThrowsAsync<ScriptAbortException>(() => render);
    }

    [Fact]
    public void Output_past_the_limit_is_refused()
    {
        var stopped = Assert.Throws<ScriptRuntimeException>(() => Render("{{ for i in 1..60000 }}{{ summary }}{{ summary }}{{ summary }}{{ end }}"));

        Assert.Contains("output", stopped.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_template_can_read_the_document_only_not_other_files_nor_the_members_of_the_values_it_holds()
    {
        File.WriteAllText(Path.Combine(_folder, "secret.md"), "secret");

        Assert.Throws<ScriptRuntimeException>(() => Render("{{ include 'secret.md' }}"));
        Assert.Equal("INC-7|||1", Render("{{ key }}|{{ key.length }}{{ timeline.count }}|{{ key.get_type }}{{ timeline[0].get_type }}|{{ timeline.size }}"));
    }

    [Fact]
    public void Values_are_escaped_for_Markdown_and_the_templates_own_Markdown_is_kept()
    {
        string draft = Render("# **{{ key }}**\n{{ summary }} [link](https://example.com)\n{{ \"*not bold* <b>\" }}");

        Assert.Equal("# **INC-7**\nHalf of all requests fail. [link](https://example.com)\n\\*not bold\\* \\<b\\>", draft);
    }
}
