using System.Reflection;
using HandlebarsDotNet;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// Renders postmortem drafts with Handlebars: the built-in templates/postmortem.md, or the file Postmortems:TemplatePath names.
/// Markdown is not HTML, so nothing is HTML-escaped.
/// </summary>
public sealed class PostmortemRenderer
{
    private const string BuiltInTemplate = "postmortem.md";

    private readonly HandlebarsTemplate<object, object> _template;

    public PostmortemRenderer(IOptions<PostmortemOptions> options)
    {
        IHandlebars handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });
        _template = handlebars.Compile(string.IsNullOrWhiteSpace(options.Value.TemplatePath)
            ? ReadBuiltInTemplate()
            : File.ReadAllText(options.Value.TemplatePath));
    }

    public string Render(PostmortemDocument document) => _template(document);

    private static string ReadBuiltInTemplate()
    {
        using Stream stream = typeof(PostmortemRenderer).Assembly.GetManifestResourceStream(BuiltInTemplate)
            ?? throw new InvalidOperationException($"The built-in template {BuiltInTemplate} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
