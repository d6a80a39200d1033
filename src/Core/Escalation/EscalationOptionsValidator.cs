using System.Net.Mail;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Core.OnCall;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Escalation;

internal sealed partial class EscalationOptionsValidator(IOptions<OnCallOptions> onCall) : IValidateOptions<EscalationOptions>
{
    public ValidateOptionsResult Validate(string? name, EscalationOptions options)
    {
        List<string> failures = [];
        HashSet<string> names = new(StringComparer.OrdinalIgnoreCase);
        for (int p = 0; p < options.Policies.Count; p++)
        {
            EscalationPolicy policy = options.Policies[p];
            string key = $"Escalation:Policies:{p}";
            if (string.IsNullOrWhiteSpace(policy.Name) || !names.Add(policy.Name))
            {
                failures.Add($"{key}:Name must be set and unique, was \"{policy.Name}\".");
            }
            if (policy.Steps.Count == 0)
            {
                failures.Add($"{key}:Steps needs at least one step.");
            }
            if (policy.RepeatLastStep is < 0 or > 100)
            {
                failures.Add($"{key}:RepeatLastStep must be between 0 and 100, was {policy.RepeatLastStep}.");
            }
            for (int s = 0; s < policy.Steps.Count; s++)
            {
                failures.AddRange(Check(policy.Steps[s], $"{key}:Steps:{s}", options));
            }
        }
        if (options.RepageAfterReopen < TimeSpan.Zero)
        {
            failures.Add($"Escalation:RepageAfterReopen must be zero or a positive duration such as \"00:15:00\", was \"{options.RepageAfterReopen}\".");
        }
        foreach ((string group, string[] users) in options.Groups)
        {
            if (users.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"Escalation:Groups:{group} must list Slack user ids such as \"U024BE7LH\", without empty entries.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> Check(EscalationStep step, string key, EscalationOptions options)
    {
        if (step.Schedules.Length + step.Users.Length + step.Groups.Length + step.SlackGroups.Length == 0 && !step.NotifiesBeyondSlack)
        {
            yield return $"{key} needs at least one target in Schedules, Users, Groups, SlackGroups, Email, Sms, PagerDuty or Webhooks.";
        }
        if (step.WaitMinutes is < 1 or > 1440)
        {
            yield return $"{key}:WaitMinutes must be between 1 and 1440, was {step.WaitMinutes}.";
        }
        foreach (string schedule in step.Schedules.Where(s => !onCall.Value.Schedules.ContainsKey(s)))
        {
            yield return $"{key}:Schedules names \"{schedule}\", which is not a schedule under OnCall:Schedules.";
        }
        foreach (string group in step.Groups.Where(g => !options.Groups.ContainsKey(g)))
        {
            yield return $"{key}:Groups names \"{group}\", which is not a group under Escalation:Groups.";
        }
        foreach (string handle in step.SlackGroups.Where(h => !SlackHandle().IsMatch(h)))
        {
            yield return $"{key}:SlackGroups must list Slack user group handles such as \"sre-oncall\" or \"@sre-oncall\", was \"{handle}\".";
        }
        foreach (string address in step.Email.Where(a => !MailAddress.TryCreate(a, out _)))
        {
            yield return $"{key}:Email must list email addresses such as \"oncall@example.com\", was \"{address}\".";
        }
        foreach (string number in step.Sms.Where(n => !PhoneNumber().IsMatch(n)))
        {
            yield return $"{key}:Sms must list phone numbers in E.164 form such as \"+4915112345678\", was \"{number}\".";
        }
    }

    /// <summary>E.164: a plus, then up to 15 digits, the first not zero.</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhoneNumber();

    /// <summary>What Slack allows in a user group handle: lowercase letters, digits, periods, hyphens and underscores.</summary>
    [GeneratedRegex(@"^@?[a-z0-9][a-z0-9._-]{0,79}$")]
    private static partial Regex SlackHandle();
}
