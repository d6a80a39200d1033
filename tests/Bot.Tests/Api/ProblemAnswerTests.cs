using System.Net;
using System.Text;
using System.Text.Json;
using ChatOpsIncidents.Bot.Tests.Hosting;
using ChatOpsIncidents.Bot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatOpsIncidents.Bot.Tests.Api;

/// <summary>
/// Issue 17, item 16: a wrong type such as <c>"severity": 2</c> was answered "The request failed; the bot's log has the details."
/// with an error-level stack trace, and the API's 415 carried no detail.
/// </summary>
public sealed class ProblemAnswerTests
{
    /// <summary>
    /// Every endpoint of the API and the webhooks that takes a body. PagerDuty's answers in PagerDuty's own error format
    /// (status, message, errors); Slack's refuse what Slack did not sign before reading it, without saying more.
    /// </summary>
    private static readonly string[] s_endpoints = ["/api/incidents", "/api/incidents/INC-1/ack", "/api/incidents/INC-1/resolve", "/webhooks/alertmanager"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_wrong_type_is_answered_with_a_problem_naming_the_field_and_logged_at_most_as_a_warning()
    {
        var logs = new CapturedLogs();
        await using var bot = new BotHost(services: services => services.AddSingleton<ILoggerProvider>(logs));

        HttpResponseMessage response = await bot.CreateClient().PostAsync(
            "/api/incidents", new StringContent("""{"title": "Checkout down", "severity": 2}""", Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("\"severity\" must be a string.", problem.RootElement.GetProperty("detail").GetString());
        Assert.DoesNotContain(logs.Entries, log => log.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Every_endpoint_answers_a_wrong_content_type_and_a_broken_body_with_a_problem_that_has_a_detail()
    {
        await using var bot = new BotHost();
        HttpClient client = bot.CreateClient();
        var bodies = new (string Name, Func<HttpContent> Content)[]
        {
            ("a wrong content type", () => new StringContent("""{"title": "Checkout down"}""", Encoding.UTF8, "text/plain")),
            ("a broken body", () => new StringContent("""{"title": "Checkout""", Encoding.UTF8, "application/json")),
            ("a wrong type", () => new StringContent("""{"title": 7, "by": [], "alerts": 1, "note": {}}""", Encoding.UTF8, "application/json")),
        };
        foreach (string endpoint in s_endpoints)
        {
            foreach ((string name, Func<HttpContent> content) in bodies)
            {
                HttpResponseMessage response = await client.PostAsync(endpoint, content(), Ct);

                string answer = await response.Content.ReadAsStringAsync(Ct);
                Assert.True((int)response.StatusCode is >= 400 and < 500, $"POST {endpoint} with {name}: {(int)response.StatusCode} {answer}");
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"POST {endpoint} with {name}: {response.Content.Headers.ContentType} {answer}");
                using JsonDocument problem = JsonDocument.Parse(answer);
                Assert.True(problem.RootElement.TryGetProperty("detail", out JsonElement detail) && detail.GetString() is { Length: > 0 },
                    $"POST {endpoint} with {name} answered {(int)response.StatusCode} without a detail: {answer}");
            }
        }
    }
}
