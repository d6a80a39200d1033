using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.OnCall;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Core.Tests.OnCall;

public sealed class OnCallOptionsTests
{
    [Fact]
    public void Nothing_configured_is_valid() =>
        Assert.True(new OnCallOptionsValidator().Validate(null, new OnCallOptions()).Succeeded);

    [Fact]
    public void A_wrong_time_zone_an_empty_layer_a_negative_turn_and_a_backwards_override_are_each_named()
    {
        var options = new OnCallOptions
        {
            Schedules =
            {
                ["primary"] = new OnCallSchedule
                {
                    TimeZone = "Mars/Olympus",
                    Layers = [new OnCallLayer { Participants = [], RotationDays = 0 }, new OnCallLayer { Participants = ["U1"], RotationHours = -12 }],
                    Overrides = [new OnCallOverride { User = "U1", From = DateTimeOffset.UnixEpoch.AddDays(2), To = DateTimeOffset.UnixEpoch }],
                },
            },
        };

        ValidateOptionsResult result = new OnCallOptionsValidator().Validate(null, options);

        Assert.Contains("OnCall:Schedules:primary:TimeZone", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OnCall:Schedules:primary:Layers:0:Participants", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OnCall:Schedules:primary:Layers:0:RotationDays", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OnCall:Schedules:primary:Layers:1:RotationHours must be between 1 and 8760, or 0 to rotate by RotationDays, was -12.", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("OnCall:Schedules:primary:Overrides:0", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escalation_step_naming_an_unknown_schedule_or_group_is_refused()
    {
        var escalation = new EscalationOptions
        {
            Policies = [new EscalationPolicy { Name = "sev1", Steps = [new EscalationStep { Schedules = ["nope"], Groups = ["ghosts"], WaitMinutes = 0 }] }],
        };

        ValidateOptionsResult result = new EscalationOptionsValidator(Options.Create(new OnCallOptions())).Validate(null, escalation);

        Assert.Contains("Escalation:Policies:0:Steps:0:Schedules names \"nope\"", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Escalation:Policies:0:Steps:0:Groups names \"ghosts\"", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Escalation:Policies:0:Steps:0:WaitMinutes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_escalation_step_may_name_only_Slack_user_groups_by_a_valid_handle()
    {
        var escalation = new EscalationOptions
        {
            Policies =
            [
                new EscalationPolicy { Name = "sev1", Steps = [new EscalationStep { SlackGroups = ["sre-oncall", "@db.team_2"] }] },
                new EscalationPolicy { Name = "sev2", Steps = [new EscalationStep { SlackGroups = ["SRE on call"] }] },
            ],
        };

        ValidateOptionsResult result = new EscalationOptionsValidator(Options.Create(new OnCallOptions())).Validate(null, escalation);

        Assert.Equal(
            "Escalation:Policies:1:Steps:0:SlackGroups must list Slack user group handles such as \"sre-oncall\" or \"@sre-oncall\", was \"SRE on call\".",
            result.FailureMessage);
    }

    [Fact]
    public void A_negative_repage_interval_after_a_reopen_is_refused_naming_its_key()
    {
        var escalation = new EscalationOptions { RepageAfterReopen = TimeSpan.FromMinutes(-1) };

        ValidateOptionsResult result = new EscalationOptionsValidator(Options.Create(new OnCallOptions())).Validate(null, escalation);

        Assert.Equal("Escalation:RepageAfterReopen must be zero or a positive duration such as \"00:15:00\", was \"-00:01:00\".", result.FailureMessage);
    }
}
