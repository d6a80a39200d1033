using System.Net;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using MimeKit;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>The email of a page: subject "[SEV1] INC-7: title"; a text and an HTML part with the key facts and the link.</summary>
internal static class IncidentEmail
{
    public static MimeMessage Compose(Page page, string from, string to, Uri? link)
    {
        Incident incident = page.Incident;
        string subject = $"[{incident.Severity.ToDisplay()}] {incident.Key}: {incident.Title}";
        List<(string Name, string Value)> facts =
        [
            ("Incident", incident.Key.ToString()),
            ("Severity", incident.Severity.ToDisplay()),
            ("Status", incident.Status.ToString()),
            ("Service", incident.Service ?? "-"),
            ("Triggered", incident.TriggeredAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
            ("Escalation", page.Step),
        ];
        string text = string.Join('\n', facts.Select(f => $"{f.Name}: {f.Value}"))
            + (link is null ? "" : $"\n\nOpen the incident: {link.AbsoluteUri}") + "\n";
        string html = $"<h2>{WebUtility.HtmlEncode(subject)}</h2>\n<table>\n"
            + string.Concat(facts.Select(f => $"<tr><th align=\"left\">{f.Name}</th><td>{WebUtility.HtmlEncode(f.Value)}</td></tr>\n"))
            + "</table>\n"
            + (link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link.AbsoluteUri)}\">Open the incident</a></p>\n");
        var message = new MimeMessage
        {
            Subject = subject,
            MessageId = $"page-{page.Id}.{incident.Key}@chatops-incidents",
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }
}
