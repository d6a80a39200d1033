using ChatOpsIncidents.Bot.Api;
using ChatOpsIncidents.Bot.SignIn;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.SignIn;

public sealed class SignInOptionsValidatorTests
{
    private static SignInOptions Valid() => new()
    {
        Authority = "https://slack.com",
        ClientId = "123.456",
        ClientSecret = "s3cret",
        SlackTeamId = "T0WORKSPACE",
        Responders = new ResponderOptions { AnyViewer = true },
    };

    public static TheoryData<string, string> Mistakes => new()
    {
        { "no-client-secret", "SignIn:ClientSecret" },
        { "no-client-id", "SignIn:ClientId" },
        { "plain-http-authority", "SignIn:Authority" },
        { "nobody-may-sign-in", "SignIn:AllowedEmailDomains" },
        { "any-account-and-a-team", "SignIn:AllowAnyAccount" },
        { "an-email-as-domain", "SignIn:AllowedEmailDomains" },
        { "nobody-may-act", "SignIn:Responders" },
        { "anyone-and-listed-may-act", "SignIn:Responders:AnyViewer" },
        { "client-without-authority", "SignIn:Authority" },
        { "anonymous-api", "Api:AllowAnonymous" },
    };

    [Fact]
    public void A_complete_slack_sign_in_and_no_sign_in_at_all_are_valid()
    {
        var validator = new SignInOptionsValidator(Options.Create(new ApiOptions()));

        Assert.True(validator.Validate(null, Valid()).Succeeded);
        Assert.True(validator.Validate(null, new SignInOptions()).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_stops_the_start_with_a_message_naming_the_key(string mistake, string key)
    {
        SignInOptions options = Valid();
        var api = new ApiOptions();
        switch (mistake)
        {
            case "no-client-secret": options.ClientSecret = " "; break;
            case "no-client-id": options.ClientId = null; break;
            case "plain-http-authority": options.Authority = "http://idp.example.com"; break;
            case "nobody-may-sign-in": options.SlackTeamId = null; break;
            case "any-account-and-a-team": options.AllowAnyAccount = true; break;
            case "an-email-as-domain": options.AllowedEmailDomains = ["ann@example.com"]; break;
            case "nobody-may-act": options.Responders = new ResponderOptions(); break;
            case "anyone-and-listed-may-act": options.Responders.Groups = ["oncall"]; break;
            case "client-without-authority": options.Authority = null; break;
            case "anonymous-api": api.AllowAnonymous = true; break;
        }

        ValidateOptionsResult result = new SignInOptionsValidator(Options.Create(api)).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.FailureMessage, StringComparison.Ordinal);
    }
}
