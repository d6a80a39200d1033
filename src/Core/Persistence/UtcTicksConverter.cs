using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
