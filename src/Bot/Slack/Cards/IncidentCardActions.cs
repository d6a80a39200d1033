namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The <c>action_id</c>s of the incident card's buttons and menu. Buttons carry the incident key ("INC-42") as their value;
/// the menu's option values are <see cref="IncidentMenuChoice"/>s.
/// </summary>
internal static class IncidentCardActions
{
    public const string Acknowledge = "incident-acknowledge";
    public const string Resolve = "incident-resolve";
    public const string AssignToMe = "incident-assign-to-me";
    public const string Menu = "incident-menu";
}
