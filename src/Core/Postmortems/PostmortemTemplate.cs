using System.Reflection;
using System.Text.Json;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// A postmortem template in Scriban's syntax: the built-in templates/postmortem.md or a user's file, parsed once. Rendering
/// runs within limits, so a bad template cannot hang the bot or reach beyond the document: each loop at most
/// <see cref="LoopLimit"/> iterations, functions at most <see cref="RecursiveLimit"/> deep, at most <see cref="OutputLimit"/>
/// characters, at most <see cref="RenderTimeout"/>; no <c>include</c> (there is no template loader), and of .NET objects only
/// the properties of the document's own records. Every value the template writes is escaped for Markdown
/// (<see cref="MarkdownText"/>); the template's own text is written as it is.
/// </summary>
public sealed class PostmortemTemplate
{
    public const int LoopLimit = 100_000;
    public const int RecursiveLimit = 50;
    public const int OutputLimit = 4 * 1024 * 1024;
    public static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(5);

    private const string BuiltInName = "postmortem.md";

    private readonly Template _template;

    private PostmortemTemplate(Template template) => _template = template;

    public static PostmortemTemplate BuiltIn()
    {
        using Stream stream = typeof(PostmortemTemplate).Assembly.GetManifestResourceStream(BuiltInName)
            ?? throw new InvalidOperationException($"The built-in template {BuiltInName} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), BuiltInName);
    }

    /// <summary>The template in <paramref name="path"/>; a syntax error throws, naming the file, line and column.</summary>
    public static PostmortemTemplate Load(string path) => Parse(File.ReadAllText(path), Path.GetFullPath(path));

    /// <summary>The syntax errors of the template in <paramref name="path"/>, each as "file(line,column) : error : message"; empty when it parses.</summary>
    public static IReadOnlyList<string> ErrorsIn(string path) => Errors(Template.Parse(File.ReadAllText(path), Path.GetFullPath(path)));

    public string Render(PostmortemDocument document, TimeProvider time)
    {
        using var timeout = new CancellationTokenSource(RenderTimeout, time);
        var context = new MarkdownTemplateContext
        {
            LoopLimit = LoopLimit,
            RecursiveLimit = RecursiveLimit,
            OutputLimit = OutputLimit,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            CancellationToken = timeout.Token,
            MemberRenamer = CamelCase,
            MemberFilter = member => member is PropertyInfo && member.DeclaringType?.Namespace == typeof(PostmortemDocument).Namespace,
        };
        var model = new ScriptObject();
        model.Import(document, ScriptMemberImportFlags.Property, renamer: CamelCase);
        context.PushGlobal(model);
        return _template.Render(context);
    }

    private static PostmortemTemplate Parse(string text, string path)
    {
        Template template = Template.Parse(text, path);
        IReadOnlyList<string> errors = Errors(template);
        return errors.Count == 0
            ? new PostmortemTemplate(template)
            : throw new InvalidOperationException($"The postmortem template {path} does not parse: {string.Join("; ", errors)}");
    }

    private static IReadOnlyList<string> Errors(Template template) =>
        [.. template.Messages.Where(message => message.Type == ParserMessageType.Error).Select(message => message.ToString())];

    /// <summary>The document's names in camelCase, as the template writes them: <c>timeToResolve</c>, <c>actionItems</c>.</summary>
    private static string CamelCase(MemberInfo member) => JsonNamingPolicy.CamelCase.ConvertName(member.Name);

    /// <summary>
    /// Escapes what the template's expressions write, but a <see cref="MarkdownLink"/>, which makes itself safe; the template's
    /// literal text goes out through other overloads.
    /// </summary>
    private sealed class MarkdownTemplateContext : TemplateContext
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
        {
            null => this,
            MarkdownLink link => Write(link.ToMarkdown()),
            _ => Write(MarkdownText.Escape(ObjectToString(textAsObject) ?? "")),
        };
    }
}
