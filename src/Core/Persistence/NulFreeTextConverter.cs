using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ChatOpsIncidents.Core.Persistence;

/// <summary>
/// PostgreSQL text cannot hold U+0000: it refuses the whole statement, so an alert or a note carrying one would fail on
/// every retry. Stored as U+FFFD (the replacement character) instead.
/// </summary>
internal sealed class NulFreeTextConverter() : ValueConverter<string, string>(
    text => text.Replace('\0', '\uFFFD'),
    text => text);
