using ChatOpsIncidents.Core.Metrics;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatOpsIncidents.Core.Tests.Metrics;

public sealed class ServiceLabelsTests : IDisposable
{
    private readonly MeasurementRecorder _recorder = new();

    public void Dispose() => _recorder.Dispose();

    private ServiceLabels Labels(params string[] configured) =>
        new([new Configured(configured)], _recorder, NullLogger<ServiceLabels>.Instance);

    [Fact]
    public void Services_past_the_cap_are_counted_as_other_while_the_first_ones_and_the_configured_ones_keep_their_label()
    {
        ServiceLabels labels = Labels("Checkout");
        for (int service = 0; service < ServiceLabels.MaxServices; service++)
        {
            Assert.Equal($"svc-{service}", labels.For($"svc-{service}"));
        }

        Assert.Equal(ServiceLabels.Other, labels.For("late"));
        Assert.Equal(ServiceLabels.Other, labels.For("later"));
        Assert.Equal("svc-7", labels.For("svc-7"));
        Assert.Equal("checkout", labels.For("checkout"));
        Assert.Equal(2, _recorder.Recorded.Where(m => m.Instrument == "chatops.metrics.services_folded").Sum(m => m.Value));
    }

    [Fact]
    public void A_missing_service_is_unknown_and_a_long_or_odd_one_is_cut_to_printable_ASCII()
    {
        ServiceLabels labels = Labels();

        Assert.Equal(ServiceLabels.Unknown, labels.For(null));
        Assert.Equal(ServiceLabels.Unknown, labels.For(""));
        Assert.Equal(new string('s', MetricLabel.MaxLength), labels.For(new string('s', 2 * 1024 * 1024)));
        Assert.Equal("caf_ \"a\\b\"_x", labels.For("café \"a\\b\"\nx"));
    }

    private sealed class Configured(string[] services) : IConfiguredServices
    {
        public IEnumerable<string> Services => services;
    }
}
