using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Postmortems;

/// <summary>
/// Renders postmortem drafts as Markdown: the built-in templates/postmortem.md, or the file Postmortems:TemplatePath names
/// (checked at start-up by <see cref="PostmortemOptionsValidator"/>). See <see cref="PostmortemTemplate"/> for the limits and
/// the escaping.
/// </summary>
public sealed class PostmortemRenderer(IOptions<PostmortemOptions> options, TimeProvider time)
{
    private readonly PostmortemTemplate _template = string.IsNullOrWhiteSpace(options.Value.TemplatePath)
        ? PostmortemTemplate.BuiltIn()
        : PostmortemTemplate.Load(options.Value.TemplatePath);

    public string Render(PostmortemDocument document) => _template.Render(document, time);
}
