using ChatOpsIncidents.Core.Incidents;
using Quartz;

namespace ChatOpsIncidents.Bot.Scheduling;

/// <summary>One trigger per incident and purpose, named by the incident key ("INC-42"), so scheduling again replaces it.</summary>
internal static class IncidentTriggers
{
    public const string EscalationGroup = "escalation-steps";
    public const string ReminderGroup = "postmortem-reminders";

    public static TriggerKey Escalation(IncidentKey incident) => new(incident.ToString(), EscalationGroup);

    public static TriggerKey Reminder(IncidentKey incident) => new(incident.ToString(), ReminderGroup);

    /// <summary>The incident a trigger is for, from its name.</summary>
    public static IncidentKey IncidentOf(ITrigger trigger) => IncidentKey.TryParse(trigger.Key.Name, out IncidentKey key)
        ? key
        : throw new InvalidOperationException($"Trigger {trigger.Key} is not named by an incident key.");
}
