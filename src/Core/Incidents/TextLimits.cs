using System.Globalization;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// The longest text the bot stores in each field, in characters (UTF-16 code units), the same whoever sends it. What people
/// give (through the API or chat) over a limit is refused with a message naming the field and its limit (<see cref="Check"/>);
/// what alerts carry is cut and ends in <see cref="Marker"/> (<see cref="Cut"/>), since refusing an alert would lose it.
/// </summary>
public static class TextLimits
{
    public const string Marker = "…";

    public const int Title = 200;
    public const int Description = 3000;

    /// <summary>Service, environment and namespace.</summary>
    public const int Service = 100;

    /// <summary>Commander, assignee, follow-up owner, and whom an API client acts on behalf of.</summary>
    public const int Person = 100;

    /// <summary>Notes, follow-ups and resolution notes.</summary>
    public const int Note = 3000;

    /// <summary>Links people give (a finished postmortem) and URLs alerts carry; a longer alert URL is dropped, not cut.</summary>
    public const int Url = 4096;

    public const int LabelName = 128;

    /// <summary>Alert label values, and the Alertmanager receiver's name.</summary>
    public const int LabelValue = 1024;

    /// <summary>Alert annotation values (summaries, descriptions, runbook links).</summary>
    public const int AnnotationValue = 4000;

    /// <summary>The Alertmanager group key as stored and shown; the group is still told apart by a hash of the whole key.</summary>
    public const int GroupKey = 2048;

    /// <summary>An Alertmanager silence id (a UUID, 36 characters).</summary>
    public const int SilenceId = 64;

    /// <summary>Null when <paramref name="value"/> fits in <paramref name="limit"/>; else the refusal, naming the field and its limit.</summary>
    public static IncidentError? Check(string field, string? value, int limit) => value is not null && value.Length > limit
        ? IncidentError.InvalidInput($"\"{field}\" is too long: {value.Length} characters, at most {limit}.")
        : null;

    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="limit"/>; else its longest start that fits with <see cref="Marker"/>
    /// after it, cut between graphemes, so neither a surrogate pair nor a letter and its accents, nor an emoji sequence, is split.
    /// </summary>
    public static string Cut(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }
        int room = limit - Marker.Length;
        int kept = 0;
        while (kept < text.Length)
        {
            int next = kept + StringInfo.GetNextTextElementLength(text, kept);
            if (next > room)
            {
                break;
            }
            kept = next;
        }
        return string.Concat(text.AsSpan(0, kept), Marker);
    }

    /// <summary><see cref="Cut"/> for optional text.</summary>
    public static string? CutOptional(string? text, int limit) => text is null ? null : Cut(text, limit);
}
