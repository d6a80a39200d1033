using ChatOpsIncidents.Bot.Notifications;
using ChatOpsIncidents.Core.Escalation;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Notifications;

public sealed class NotificationOptionsValidatorTests
{
    private static readonly EscalationStep s_everyChannel = new()
    {
        Email = ["lead@example.com"],
        Sms = ["+4915112345678"],
        PagerDuty = ["payments"],
        Webhooks = ["bridge"],
    };

    [Fact]
    public void Every_channel_configured_as_its_steps_need_is_valid() =>
        Assert.True(Validate(Configured(), s_everyChannel).Succeeded);

    [Fact]
    public void A_step_naming_a_PagerDuty_service_or_webhook_that_is_not_configured_stops_the_start_naming_the_step()
    {
        NotificationOptions options = Configured();
        options.PagerDuty.RoutingKeys.Clear();
        options.Webhooks.Clear();

        Assert.Equal(
            [
                "Escalation:Policies:0:Steps:0:PagerDuty names \"payments\", which has no routing key under Notifications:PagerDuty:RoutingKeys.",
                "Escalation:Policies:0:Steps:0:Webhooks names \"bridge\", which is not a webhook under Notifications:Webhooks.",
            ],
            Validate(options, s_everyChannel).Failures);
    }

    [Fact]
    public void Steps_that_send_email_and_texts_need_the_SMTP_server_and_the_Twilio_account()
    {
        NotificationOptions options = Configured();
        options.Email = new EmailNotificationOptions();
        options.Sms = new SmsNotificationOptions();

        Assert.Equal(
            [
                "Notifications:Email:Host must name the SMTP server, such as \"smtp.example.com\": escalation steps send email.",
                "Notifications:Email:From must be the sender's address, such as \"incidents@example.com\", was \"\".",
                "Notifications:Sms:AccountSid must be the Twilio account SID, \"AC\" and 32 hex digits, was \"\".",
                "Notifications:Sms:AuthToken must be set to the Twilio account's auth token: escalation steps send texts.",
                "Notifications:Sms:From must be the Twilio number in E.164 form, such as \"+15017122661\", was \"\".",
            ],
            Validate(options, s_everyChannel).Failures);
    }

    [Fact]
    public void A_bad_secret_is_named_by_its_key_and_never_quoted()
    {
        NotificationOptions options = Configured();
        options.PagerDuty.RoutingKeys["payments"] = "short-key";
        options.Webhooks["bridge"].Secret = "tiny-secret";

        IEnumerable<string> failures = Validate(options, s_everyChannel).Failures!;

        Assert.Equal(
            [
                "Notifications:PagerDuty:RoutingKeys:payments must be the 32-character integration key of the PagerDuty service's Events API v2 integration.",
                "Notifications:Webhooks:bridge:Secret must be set to a shared secret of at least 16 characters.",
            ],
            failures);
        Assert.DoesNotContain(failures, f => f.Contains("short-key", StringComparison.Ordinal) || f.Contains("tiny-secret", StringComparison.Ordinal));
    }

    private static NotificationOptions Configured() => new()
    {
        PagerDuty = new PagerDutyNotificationOptions { RoutingKeys = { ["payments"] = NotifyingBot.RoutingKey } },
        Webhooks = { ["bridge"] = new WebhookNotificationOptions { Url = new Uri("https://hooks.example.com/incidents"), Secret = NotifyingBot.WebhookSecret } },
        Email = new EmailNotificationOptions { Host = "smtp.example.com", From = "incidents@example.com" },
        Sms = new SmsNotificationOptions { AccountSid = NotifyingBot.AccountSid, AuthToken = NotifyingBot.AuthToken, From = NotifyingBot.SmsFrom },
    };

    private static ValidateOptionsResult Validate(NotificationOptions options, EscalationStep step) =>
        new NotificationOptionsValidator(Options.Create(new EscalationOptions
        {
            Policies = [new EscalationPolicy { Name = "sev1", Steps = [step] }],
        })).Validate(null, options);
}
