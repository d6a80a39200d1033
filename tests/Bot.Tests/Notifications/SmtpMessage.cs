using System.Text;
using MimeKit;

namespace ChatOpsIncidents.Bot.Tests.Notifications;

/// <summary>A message the SMTP stand-in accepted: the envelope, the AUTH PLAIN credentials ("\0user\0password") if any, and the data.</summary>
public sealed record SmtpMessage(string From, IReadOnlyList<string> To, string? Credentials, string Data)
{
    public MimeMessage Parse() => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Data)));
}
