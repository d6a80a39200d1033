namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>
/// The browser's session: who is signed in, whether they may act, and the anti-forgery token their writes send in the
/// <see cref="AntiforgeryHeader"/> header (null when nobody is signed in).
/// </summary>
public sealed record SessionView(bool SignInEnabled, bool SignedIn, string? Name, string? Email, string? SlackUserId, bool Responder, string AntiforgeryHeader, string? AntiforgeryToken);
