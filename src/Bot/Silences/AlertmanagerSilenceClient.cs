using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Silences;

/// <summary>
/// Alertmanager's silences API v2 on the members of <c>Alertmanager:Urls</c>, in order: a member that cannot be reached, takes
/// longer than <c>Alertmanager:ApiTimeout</c> or answers 5xx is passed over for the next (the members gossip silences); a 4xx
/// is Alertmanager refusing the request, and the others would too. Every failure is one <see cref="AlertmanagerApiException"/>
/// saying what each member answered; addresses in messages never carry credentials.
/// </summary>
internal sealed class AlertmanagerSilenceClient(HttpClient http, IOptions<AlertmanagerApiOptions> options)
{
    /// <summary>A list of silences is small; anything near this is not Alertmanager's answer.</summary>
    public const int MaxAnswerBytes = 8 * 1024 * 1024;

    /// <summary>Creates <paramref name="silence"/> and returns its id.</summary>
    public async Task<string> CreateAsync(PostableSilence silence, CancellationToken cancellationToken)
    {
        SilenceCreated? created = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, "api/v2/silences")
            {
                Content = new StringContent(JsonSerializer.Serialize(silence, AlertmanagerApiJsonContext.Default.PostableSilence), Encoding.UTF8, "application/json"),
            },
            "create the silence", AlertmanagerApiJsonContext.Default.SilenceCreated, cancellationToken);
        return created?.SilenceId is { Length: > 0 } id ? id : throw new AlertmanagerApiException("Alertmanager created a silence without answering its id.");
    }

    /// <summary>Every silence Alertmanager knows, expired ones included.</summary>
    public async Task<IReadOnlyList<GettableSilence>> ListAsync(CancellationToken cancellationToken) =>
        await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/v2/silences"), "list the silences",
            AlertmanagerApiJsonContext.Default.ListGettableSilence, cancellationToken) ?? [];

    /// <summary>Expires the silence <paramref name="silenceId"/>; one that is unknown or already expired is done already.</summary>
    public Task ExpireAsync(string silenceId, CancellationToken cancellationToken) =>
        SendAsync<SilenceCreated>(() => new HttpRequestMessage(HttpMethod.Delete, $"api/v2/silence/{Uri.EscapeDataString(silenceId)}"),
            $"expire the silence {silenceId}", typeInfo: null, cancellationToken);

    private async Task<T?> SendAsync<T>(
        Func<HttpRequestMessage> request, string what, JsonTypeInfo<T>? typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        AlertmanagerApiOptions settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new AlertmanagerApiException("Alertmanager is not configured (Alertmanager:Urls).");
        }
        List<string> failures = [];
        foreach (Uri member in settings.BaseAddresses)
        {
            string where = $"{member.Scheme}://{member.Authority}";
            using HttpRequestMessage message = request();
            message.RequestUri = new Uri(member, message.RequestUri!.OriginalString);
            message.Headers.Authorization = Authorization(settings);
            try
            {
                using HttpResponseMessage response = await http.SendAsync(message, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return typeInfo is null ? null : await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken);
                }
                string body = await ShortBodyAsync(response, cancellationToken);
                if (message.Method == HttpMethod.Delete && IsAlreadyGone(response.StatusCode, body))
                {
                    return null;
                }
                string answer = $"{where} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body}";
                if ((int)response.StatusCode < 500)
                {
                    throw new AlertmanagerApiException($"Alertmanager refused to {what}: {answer}");
                }
                failures.Add(answer);
            }
            catch (HttpRequestException exception)
            {
                failures.Add($"{where} cannot be reached: {exception.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{where} did not answer within {settings.ApiTimeout.TotalSeconds:0.###} s");
            }
            catch (JsonException exception)
            {
                failures.Add($"{where} answered what is not Alertmanager's JSON: {exception.Message}");
            }
        }
        throw new AlertmanagerApiException($"No Alertmanager could {what}: {string.Join("; ", failures)}.");
    }

    /// <summary>Alertmanager 0.25 answers an expired silence's DELETE with 500 "already expired"; newer ones an unknown id with 404.</summary>
    private static bool IsAlreadyGone(HttpStatusCode status, string body) =>
        status == HttpStatusCode.NotFound || body.Contains("already expired", StringComparison.OrdinalIgnoreCase);

    private static AuthenticationHeaderValue? Authorization(AlertmanagerApiOptions settings)
    {
        if (settings.ApiBearerToken.Length > 0)
        {
            return new AuthenticationHeaderValue("Bearer", settings.ApiBearerToken);
        }
        return settings.ApiUsername.Length > 0
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ApiUsername}:{settings.ApiPassword}")))
            : null;
    }

    /// <summary>The start of an error answer, on one line, for the message.</summary>
    private static async Task<string> ShortBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        const int Shown = 300;
        string body = (await response.Content.ReadAsStringAsync(cancellationToken)).ReplaceLineEndings(" ").Trim();
        return body.Length <= Shown ? body : body[..Shown] + "…";
    }
}
