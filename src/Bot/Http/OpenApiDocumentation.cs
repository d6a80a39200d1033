using ChatOpsIncidents.Bot.Security;
using ChatOpsIncidents.Bot.SignIn;
using ChatOpsIncidents.Bot.Slack.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace ChatOpsIncidents.Bot.Http;

/// <summary>
/// What the generated OpenAPI document cannot see for itself: the probes and the scrape (mapped outside minimal APIs), and
/// how each endpoint is authenticated: a bearer token for the policies of <see cref="AccessPolicies"/> and for
/// <see cref="SignInPolicies.Responder"/> (whose alternative, a browser's session, is the dashboard's), Slack's request
/// signature for <c>/slack/*</c>.
/// </summary>
internal static class OpenApiDocumentation
{
    public const string Bearer = "bearer";
    public const string SlackSignature = "slackSignature";

    public static IServiceCollection AddOpenApiDocumentation(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            DescribeSecuritySchemes(document);
            DescribeProbesAndScrape(document);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (SchemeOf(context.Description) is { } scheme)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
            }
            return Task.CompletedTask;
        });
    });

    private static string? SchemeOf(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription endpoint)
    {
        if (endpoint.RelativePath?.StartsWith("slack/", StringComparison.Ordinal) == true)
        {
            return SlackSignature;
        }
        return endpoint.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any(policy => policy.Policy is AccessPolicies.Api or AccessPolicies.Alertmanager or SignInPolicies.Responder)
            ? Bearer
            : null;
    }

    private static void DescribeSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A token of Api:Tokens for the API's writes and events, Alertmanager:BearerToken for the Alertmanager webhook "
                + "(or the token the bot generates when none is configured).",
        };
        document.Components.SecuritySchemes[SlackSignature] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = SlackRequestVerifier.SignatureHeader,
            Description = $"Slack's request signature (v0, HMAC-SHA256 of \"v0:{{{SlackRequestVerifier.TimestampHeader}}}:{{body}}\" with Slack:SigningSecret); "
                + "a timestamp more than 5 minutes off is refused.",
        };
    }

    private static void DescribeProbesAndScrape(OpenApiDocument document)
    {
        document.Paths["/healthz"] = Get(document, "Health", "Liveness: 200 while the process is up.", "Healthy", "text/plain");
        document.Paths["/readyz"] = Get(document, "Health", "Readiness: 200 while the incident database answers, 503 when it does not.", "Healthy", "text/plain",
            ("503", "Unhealthy: the database cannot be reached."));
        document.Paths["/metrics"] = Get(document, "Metrics", "Prometheus exposition of the bot's metrics (text 0.0.4, or OpenMetrics on request); no authentication.",
            "The metrics", "text/plain");
    }

    private static OpenApiPathItem Get(
        OpenApiDocument document, string tag, string summary, string answer, string contentType, params (string Status, string Description)[] otherAnswers)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse { Description = answer, Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() } },
        };
        foreach ((string status, string description) in otherAnswers)
        {
            responses[status] = new OpenApiResponse { Description = description };
        }
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(known => known.Name == tag))
        {
            document.Tags.Add(new OpenApiTag { Name = tag });
        }
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new() { Summary = summary, Tags = new HashSet<OpenApiTagReference> { new(tag, document) }, Responses = responses },
            },
        };
    }
}
