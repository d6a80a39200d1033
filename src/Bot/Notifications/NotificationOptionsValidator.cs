using System.Net.Mail;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Core.Escalation;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// Checks the notification settings, and that every channel an escalation step names is configured. Messages name the key,
/// never a secret's value.
/// </summary>
internal sealed partial class NotificationOptionsValidator(IOptions<EscalationOptions> escalation) : IValidateOptions<NotificationOptions>
{
    private const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        List<string> failures = [];
        if (options.DashboardUrl.Length > 0 && (options.DashboardRoot is not { } dashboard || !IsWebUrl(dashboard)))
        {
            failures.Add($"Notifications:DashboardUrl must be empty or an absolute http(s) URL such as \"https://incidents.example.com/\", was \"{options.DashboardUrl}\".");
        }
        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Notifications:AttemptTimeout must be a duration between 00:00:00.001 and 00:05:00, was \"{options.AttemptTimeout}\".");
        }
        failures.AddRange(CheckPagerDuty(options.PagerDuty));
        failures.AddRange(CheckWebhooks(options.Webhooks));
        List<(string Key, EscalationStep Step)> steps = [.. Steps()];
        if (steps.Any(s => s.Step.Email.Length > 0 || s.Step.EmailPeople) || !string.IsNullOrEmpty(options.Email.Host))
        {
            failures.AddRange(CheckEmail(options.Email));
        }
        if (steps.Any(s => s.Step.Sms.Length > 0) || !string.IsNullOrEmpty(options.Sms.AccountSid))
        {
            failures.AddRange(CheckSms(options.Sms));
        }
        foreach ((string key, EscalationStep step) in steps)
        {
            failures.AddRange(step.PagerDuty.Where(service => !options.PagerDuty.RoutingKeys.ContainsKey(service))
                .Select(service => $"{key}:PagerDuty names \"{service}\", which has no routing key under Notifications:PagerDuty:RoutingKeys."));
            failures.AddRange(step.Webhooks.Where(webhook => !options.Webhooks.ContainsKey(webhook))
                .Select(webhook => $"{key}:Webhooks names \"{webhook}\", which is not a webhook under Notifications:Webhooks."));
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<(string Key, EscalationStep Step)> Steps() => escalation.Value.Policies.SelectMany((policy, p) =>
        policy.Steps.Select((step, s) => ($"Escalation:Policies:{p}:Steps:{s}", step)));

    private static IEnumerable<string> CheckPagerDuty(PagerDutyNotificationOptions pagerDuty)
    {
        if (!IsWebUrl(pagerDuty.EventsUrl))
        {
            yield return $"Notifications:PagerDuty:EventsUrl must be an absolute http(s) URL such as \"https://events.pagerduty.com/v2/enqueue\", was \"{pagerDuty.EventsUrl}\".";
        }
        foreach ((string service, string key) in pagerDuty.RoutingKeys.Where(k => !RoutingKey().IsMatch(k.Value)))
        {
            yield return $"Notifications:PagerDuty:RoutingKeys:{service} must be the 32-character integration key of the PagerDuty service's Events API v2 integration.";
        }
    }

    private static IEnumerable<string> CheckWebhooks(Dictionary<string, WebhookNotificationOptions> webhooks)
    {
        foreach ((string webhook, WebhookNotificationOptions settings) in webhooks)
        {
            if (settings.Url is null || !IsWebUrl(settings.Url))
            {
                yield return $"Notifications:Webhooks:{webhook}:Url must be an absolute http(s) URL, was \"{settings.Url}\".";
            }
            if (settings.Secret.Trim().Length < MinSecretLength)
            {
                yield return $"Notifications:Webhooks:{webhook}:Secret must be set to a shared secret of at least {MinSecretLength} characters.";
            }
        }
    }

    private static IEnumerable<string> CheckEmail(EmailNotificationOptions email)
    {
        if (string.IsNullOrWhiteSpace(email.Host))
        {
            yield return "Notifications:Email:Host must name the SMTP server, such as \"smtp.example.com\": escalation steps send email.";
        }
        if (email.Port is < 1 or > 65535)
        {
            yield return $"Notifications:Email:Port must be between 1 and 65535, was {email.Port}.";
        }
        if (!Enum.IsDefined(email.Security))
        {
            yield return $"Notifications:Email:Security must be StartTls, Tls or None, was \"{email.Security}\".";
        }
        if (!MailAddress.TryCreate(email.From, out _))
        {
            yield return $"Notifications:Email:From must be the sender's address, such as \"incidents@example.com\", was \"{email.From}\".";
        }
        if (string.IsNullOrEmpty(email.UserName) != string.IsNullOrEmpty(email.Password))
        {
            yield return "Notifications:Email:UserName and Notifications:Email:Password must be set together, or both left empty.";
        }
        foreach ((string user, string address) in email.People.Where(p => !MailAddress.TryCreate(p.Value, out _)))
        {
            yield return $"Notifications:Email:People:{user} must be an email address, was \"{address}\".";
        }
    }

    private static IEnumerable<string> CheckSms(SmsNotificationOptions sms)
    {
        if (!IsWebUrl(sms.ApiBaseUrl))
        {
            yield return $"Notifications:Sms:ApiBaseUrl must be an absolute http(s) URL such as \"https://api.twilio.com/\", was \"{sms.ApiBaseUrl}\".";
        }
        if (!AccountSid().IsMatch(sms.AccountSid))
        {
            yield return $"Notifications:Sms:AccountSid must be the Twilio account SID, \"AC\" and 32 hex digits, was \"{sms.AccountSid}\".";
        }
        if (string.IsNullOrWhiteSpace(sms.AuthToken))
        {
            yield return "Notifications:Sms:AuthToken must be set to the Twilio account's auth token: escalation steps send texts.";
        }
        if (!PhoneNumber().IsMatch(sms.From))
        {
            yield return $"Notifications:Sms:From must be the Twilio number in E.164 form, such as \"+15017122661\", was \"{sms.From}\".";
        }
    }

    private static bool IsWebUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    [GeneratedRegex("^[A-Za-z0-9]{32}$")]
    private static partial Regex RoutingKey();

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSid();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhoneNumber();
}
