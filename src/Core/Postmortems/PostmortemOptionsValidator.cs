using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Postmortems;

internal sealed class PostmortemOptionsValidator : IValidateOptions<PostmortemOptions>
{
    public ValidateOptionsResult Validate(string? name, PostmortemOptions options) =>
        string.IsNullOrWhiteSpace(options.TemplatePath) || File.Exists(options.TemplatePath)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Postmortems:TemplatePath must name an existing Handlebars file, such as \"templates/postmortem.md\"; \"{Path.GetFullPath(options.TemplatePath)}\" does not exist.");
}
