namespace ChatOpsIncidents.Bot.Slack.Cards;

/// <summary>
/// The <c>action_id</c>s of the incident card's buttons and menu. Buttons carry the incident key ("INC-42") as their value;
/// the menu's option values are <see cref="IncidentMenuChoice"/>s.
/// </summary>
internal static class IncidentCardActions
{
    public const string Acknowledge = "incident-acknowledge";

    /// <summary>The Acknowledge button of a page about one incident: the page is then replaced with who acknowledged it.</summary>
    public const string AcknowledgeFromPage = "page-acknowledge";
    public const string Resolve = "incident-resolve";

    /// <summary>Resolve and Cancel on the warning <c>/incident resolve</c> answers while alerts still fire (<see cref="Interactions.ResolveConfirmation"/>).</summary>
    public const string ConfirmResolve = "incident-resolve-confirm";
    public const string CancelResolve = "incident-resolve-cancel";
    public const string AssignToMe = "incident-assign-to-me";
    public const string Menu = "incident-menu";

    /// <summary>"Give it its own channel", on the card of an incident that is a thread in its storm's channel.</summary>
    public const string OwnChannel = "incident-own-channel";

    /// <summary>On a storm's card: acknowledge the storm's incident and every triggered incident attached to it, after a confirm.</summary>
    public const string AcknowledgeStorm = "storm-acknowledge-all";

    /// <summary>On a storm's card: resolve the storm's incident and every open incident attached to it, after a confirm.</summary>
    public const string ResolveStorm = "storm-resolve-all";
}
