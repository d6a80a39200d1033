namespace ChatOpsIncidents.Bot.Silences;

/// <summary>No member of <c>Alertmanager:Urls</c> did what was asked; the message says what each answered, without credentials.</summary>
public sealed class AlertmanagerApiException(string message, Exception? inner = null) : Exception(message, inner);
