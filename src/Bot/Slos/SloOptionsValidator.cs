using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>Reads the SLO files at start, so a broken one stops the bot with its file, SLO and field.</summary>
internal sealed class SloOptionsValidator : IValidateOptions<SloOptions>
{
    public ValidateOptionsResult Validate(string? name, SloOptions options)
    {
        try
        {
            _ = SloSpecFile.ReadAll(options.Files);
            return ValidateOptionsResult.Success;
        }
        catch (SloSpecException exception)
        {
            return ValidateOptionsResult.Fail($"Slos:Files: {exception.Message}");
        }
    }
}
