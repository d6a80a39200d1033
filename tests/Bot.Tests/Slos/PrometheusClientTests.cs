using System.Net;
using ChatOpsIncidents.Bot.Slos;
using ChatOpsIncidents.Core.Slos;
using ChatOpsIncidents.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Tests.Slos;

/// <summary>Every way of not getting an instant vector from Prometheus becomes one exception that says why.</summary>
public sealed class PrometheusClientTests
{
    private static readonly DateTimeOffset s_time = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_instant_vector_is_read_with_its_labels_and_NaN_and_infinite_values()
    {
        IFormCollection? asked = null;
        await using WebApplication prometheus = await StandInAsync(async context =>
        {
            asked = await context.Request.ReadFormAsync(context.RequestAborted);
            await context.Response.WriteAsync("""
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"slo:sli_error:ratio_rate5m","sloth_id":"checkout-availability"},"value":[1772442000,"0.0024"]},
                  {"metric":{"sloth_id":"a"},"value":[1772442000,"NaN"]},
                  {"metric":{"sloth_id":"b"},"value":[1772442000,"+Inf"]}]}}
                """, context.RequestAborted);
        });

        IReadOnlyList<PrometheusSample> samples = await Client(Address(prometheus)).QueryAsync("slo:sli_error:ratio_rate5m", s_time, Ct);

        Assert.Equal(("slo:sli_error:ratio_rate5m", "1772442000"), (asked!["query"].ToString(), asked["time"].ToString()));
        Assert.Equal(3, samples.Count);
        Assert.Equal(new Dictionary<string, string> { ["__name__"] = "slo:sli_error:ratio_rate5m", ["sloth_id"] = "checkout-availability" }, samples[0].Labels);
        Assert.Equal(0.0024, samples[0].Value);
        Assert.True(double.IsNaN(samples[1].Value));
        Assert.Equal(double.PositiveInfinity, samples[2].Value);
    }

    [Fact]
    public async Task Nothing_listening_means_Prometheus_cannot_be_reached()
    {
        int port = FreePort.Next();

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client($"http://127.0.0.1:{port}/").QueryAsync("up", s_time, Ct));

        Assert.StartsWith($"Prometheus at http://127.0.0.1:{port} cannot be reached:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Prometheus_that_does_not_answer_in_time_is_given_up_after_the_timeout()
    {
        await using WebApplication prometheus = await StandInAsync(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client(Address(prometheus), TimeSpan.FromMilliseconds(300)).QueryAsync("up", s_time, Ct));

        Assert.Equal($"Prometheus at http://{new Uri(Address(prometheus)).Authority} did not answer within 0.3 s.", error.Message);
    }

    [Fact]
    public async Task A_proxys_error_page_is_no_answer()
    {
        await using WebApplication prometheus = await StandInAsync(async context =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Bad Gateway</body></html>", context.RequestAborted);
        });

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client(Address(prometheus)).QueryAsync("up", s_time, Ct));

        Assert.EndsWith("answered 502 Bad Gateway without an instant vector.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_the_real_Prometheus_refuses_says_why()
    {
        await using PrometheusServer prometheus = await PrometheusServer.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client(prometheus.BaseAddress.AbsoluteUri).QueryAsync("sum(", s_time, Ct));

        Assert.StartsWith($"Prometheus at http://{prometheus.BaseAddress.Authority} refused the query (bad_data): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_url_every_query_says_Prometheus_is_not_configured()
    {
        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client("").QueryAsync("up", s_time, Ct));

        Assert.Equal("Prometheus:Url is not set.", error.Message);
    }

    [Fact]
    public async Task Credentials_in_the_url_never_appear_in_a_message()
    {
        int port = FreePort.Next();

        var error = await Assert.ThrowsAsync<PrometheusQueryException>(() => Client($"http://bot:s3cret-pass@127.0.0.1:{port}/").QueryAsync("up", s_time, Ct));

        Assert.DoesNotContain("s3cret", error.ToString(), StringComparison.Ordinal);
    }

    private static PrometheusClient Client(string url, TimeSpan? timeout = null)
    {
        var options = new PrometheusOptions { Url = url, Timeout = timeout ?? TimeSpan.FromSeconds(5) };
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = options.BaseAddress, Timeout = options.Timeout };
        return new PrometheusClient(http, Options.Create(options));
    }

    private static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    private static async Task<WebApplication> StandInAsync(RequestDelegate answer)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        app.MapPost("/api/v1/query", answer);
        await app.StartAsync(Ct);
        return app;
    }
}
