using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Core.Incidents;

/// <summary>
/// Shows people where timeline text names them by id ("Assigned to U024BE7LH", "notifying U024BE7LH"): each id the incident
/// refers to (<see cref="Incident.PeopleIds"/>), as a whole word, becomes what the reader should see, a name or a chat mention.
/// </summary>
public sealed class PeopleInText
{
    private readonly Regex? _ids;

    public PeopleInText(IEnumerable<string> personIds)
    {
        string[] ids = [.. personIds.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(id => id.Length).Select(Regex.Escape)];
        _ids = ids.Length == 0 ? null : new Regex($@"(?<![\w@])(?:{string.Join('|', ids)})(?!\w)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public static PeopleInText Of(Incident incident) => new(incident.PeopleIds);

    public string Show(string text, Func<string, string> person) => _ids?.Replace(text, match => person(match.Value)) ?? text;
}
