using System.Net.Http.Headers;
using System.Text;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// Texts through Twilio's Messages API (<c>POST /2010-04-01/Accounts/{sid}/Messages.json</c>, a form, basic auth with the
/// account SID and auth token): one short text with the incident's key, severity and title.
/// </summary>
internal sealed class SmsSender(NotificationHttp http, IOptions<NotificationOptions> options) : INotificationSender
{
    /// <summary>One SMS segment: a longer text costs several and may arrive in pieces.</summary>
    public const int MaxLength = 160;

    public PageChannel Channel => PageChannel.Sms;

    public async Task SendAsync(Page page, IncidentStatus status, CancellationToken cancellationToken)
    {
        SmsNotificationOptions settings = options.Value.Sms;
        Uri root = settings.ApiBaseUrl.AbsoluteUri.EndsWith('/') ? settings.ApiBaseUrl : new Uri(settings.ApiBaseUrl.AbsoluteUri + "/");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, $"2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid)}/Messages.json"))
        {
            Content = new FormUrlEncodedContent(
            [
                new("To", page.Recipient),
                new("From", settings.From),
                new("Body", Text(page.Incident)),
            ]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        await http.SendAsync(request, cancellationToken);
    }

    /// <summary>"INC-7 SEV1: Checkout is down", cut to one segment.</summary>
    public static string Text(Incident incident)
    {
        string text = $"{incident.Key} {incident.Severity.ToDisplay()}: {incident.Title}";
        return text.Length <= MaxLength ? text : text[..(MaxLength - 3)] + "...";
    }
}
