using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Postmortems;

internal sealed class PostmortemOptionsValidator : IValidateOptions<PostmortemOptions>
{
    public ValidateOptionsResult Validate(string? name, PostmortemOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TemplatePath))
        {
            return ValidateOptionsResult.Success;
        }
        if (!File.Exists(options.TemplatePath))
        {
            return ValidateOptionsResult.Fail(
                $"Postmortems:TemplatePath must name an existing Scriban template file, such as \"templates/postmortem.md\"; \"{Path.GetFullPath(options.TemplatePath)}\" does not exist.");
        }
        IReadOnlyList<string> errors = PostmortemTemplate.ErrorsIn(options.TemplatePath);
        return errors.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Postmortems:TemplatePath names a template with syntax errors: {string.Join("; ", errors)}");
    }
}
