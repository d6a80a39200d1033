using System.Net;
using System.Net.Sockets;
using ChatOpsIncidents.Core.Escalation;
using ChatOpsIncidents.Core.Incidents;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatOpsIncidents.Bot.Notifications;

/// <summary>
/// Emails over SMTP with MailKit: a text and an HTML part with the incident's key facts and a link to it. The message id is
/// the same for every attempt at one page, so a mail system can drop a repeat. The server's 4xx answers, a connection that
/// fails or times out are retried; its 5xx answers, a refused sign-in or TLS handshake are refusals for good.
/// </summary>
internal sealed class EmailSender(EmailAddresses addresses, IncidentLinks links, IOptions<NotificationOptions> options, TimeProvider time)
    : INotificationSender
{
    public PageChannel Channel => PageChannel.Email;

    public async Task SendAsync(Page page, IncidentStatus status, CancellationToken cancellationToken)
    {
        EmailNotificationOptions settings = options.Value.Email;
        string to = await addresses.ForAsync(page.Recipient, cancellationToken);
        Uri? link = await links.ForAsync(page.Incident, cancellationToken);
        using MimeMessage message = IncidentEmail.Compose(page, settings.From, to, link);
        using var timeout = new CancellationTokenSource(options.Value.AttemptTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(settings.Host, settings.Port, SocketOptions(settings.Security), linked.Token);
            if (settings.UserName.Length > 0)
            {
                await smtp.AuthenticateAsync(new NetworkCredential(settings.UserName, settings.Password), linked.Token);
            }
            await smtp.SendAsync(message, linked.Token);
            await smtp.DisconnectAsync(quit: true, linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationFailure($"the SMTP server did not answer within {options.Value.AttemptTimeout}", isPermanent: false, inner: exception);
        }
        catch (SmtpCommandException exception)
        {
            throw new NotificationFailure($"the SMTP server answered {(int)exception.StatusCode}: {exception.Message}", (int)exception.StatusCode >= 500,
                inner: exception);
        }
        catch (AuthenticationException exception)
        {
            throw new NotificationFailure($"the SMTP server refused the sign-in of Notifications:Email:UserName: {exception.Message}", isPermanent: true,
                inner: exception);
        }
        catch (SslHandshakeException exception)
        {
            throw new NotificationFailure($"no TLS with the SMTP server: {exception.Message}", isPermanent: true, inner: exception);
        }
        catch (Exception exception) when (exception is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException)
        {
            throw new NotificationFailure($"could not talk to the SMTP server: {exception.Message}", isPermanent: false, inner: exception);
        }
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };
}
