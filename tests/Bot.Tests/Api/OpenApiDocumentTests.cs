using System.Text.Json;
using ChatOpsIncidents.Bot.Tests.Hosting;

namespace ChatOpsIncidents.Bot.Tests.Api;

/// <summary>Issue 17, item 18: /healthz and /readyz were absent from the OpenAPI document, and no endpoint said how it is authenticated.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_openapi_document_lists_every_public_endpoint_with_its_security_scheme()
    {
        await using var bot = new BotHost();

        using JsonDocument document = JsonDocument.Parse(await bot.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));

        JsonElement root = document.RootElement;
        Assert.Equal("http", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("type").GetString());
        JsonElement slack = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("slackSignature");
        Assert.Equal(("apiKey", "header", "X-Slack-Signature"),
            (slack.GetProperty("type").GetString(), slack.GetProperty("in").GetString(), slack.GetProperty("name").GetString()));
        var expected = new (string Path, string Method, string? Scheme)[]
        {
            ("/healthz", "get", null), ("/readyz", "get", null), ("/metrics", "get", null),
            ("/webhooks/alertmanager", "post", "bearer"), ("/v2/enqueue", "post", null),
            ("/api/incidents", "get", null), ("/api/incidents", "post", "bearer"), ("/api/incidents/{key}/ack", "post", "bearer"),
            ("/api/incidents/{key}/resolve", "post", "bearer"), ("/api/events", "get", "bearer"),
            ("/api/maintenance", "get", null), ("/api/maintenance", "post", "bearer"), ("/api/maintenance/{id}", "delete", "bearer"),
            ("/slack/commands", "post", "slackSignature"), ("/slack/interactions", "post", "slackSignature"), ("/slack/events", "post", "slackSignature"),
        };
        foreach ((string path, string method, string? scheme) in expected)
        {
            Assert.True(root.GetProperty("paths").TryGetProperty(path, out JsonElement item), $"{path} is not in the document");
            Assert.True(item.TryGetProperty(method, out JsonElement operation), $"{method} {path} is not in the document");
            Assert.Equal(scheme, SchemeOf(operation));
        }
    }

    private static string? SchemeOf(JsonElement operation) =>
        operation.TryGetProperty("security", out JsonElement security) ? security[0].EnumerateObject().Single().Name : null;
}
