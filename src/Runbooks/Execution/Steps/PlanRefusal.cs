namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>A step cannot be planned with the values it was given; the message says why, for the person who asked.</summary>
internal sealed class PlanRefusal(string message) : Exception(message);
