using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>
/// A YAML mapping of a spec file being read, which knows where it is (file, SLO, field path), so every complaint names
/// them. Reading is strict: unknown fields and values of the wrong kind are refused.
/// </summary>
internal sealed class SpecNode(YamlMappingNode node, string file, string? slo, string path)
{
    private IEnumerable<YamlNode> Keys => node.Children.Keys;

    public SpecNode ForSlo(string name) => new(node, file, name, path);

    /// <summary>Refuses any field but <paramref name="known"/>.</summary>
    public void AllowOnly(params string[] known)
    {
        foreach (YamlNode key in Keys)
        {
            string name = key is YamlScalarNode { Value: { } text } ? text : key.ToString();
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw new SloSpecException(file, Line(key), slo, Field(name), $"is not a field here; known fields: {string.Join(", ", known)}.");
            }
        }
    }

    public bool Has(string key) => Find(key) is not null;

    public string Required(string key) => Optional(key) is { Length: > 0 } value ? value : throw Fail(key, "is required.");

    public string? Optional(string key) => Find(key) switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlNode other => throw Fail(key, other, "must be a text value."),
    };

    public double? Number(string key) => Optional(key) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value) ? value
        : throw Fail(key, $"must be a number such as 99.9, was \"{text}\".");

    public bool Flag(string key) => Optional(key) switch
    {
        null => false,
        { } text when bool.TryParse(text, out bool value) => value,
        { } text => throw Fail(key, $"must be true or false, was \"{text}\"."),
    };

    public SpecNode? Mapping(string key) => Find(key) switch
    {
        null => null,
        YamlMappingNode mapping => new SpecNode(mapping, file, slo, Field(key)),
        YamlNode other => throw Fail(key, other, "must be a mapping of fields."),
    };

    public IReadOnlyList<SpecNode> Sequence(string key)
    {
        if (Find(key) is not YamlSequenceNode sequence)
        {
            throw Fail(key, Has(key) ? "must be a list." : "is required.");
        }
        return [.. sequence.Children.Select((item, i) => item is YamlMappingNode mapping
            ? new SpecNode(mapping, file, slo, $"{Field(key)}[{i}]")
            : throw new SloSpecException(file, Line(item), slo, $"{Field(key)}[{i}]", "must be a mapping of fields."))];
    }

    /// <summary>A mapping of names to text, such as labels; each name is checked with <paramref name="isValidName"/>.</summary>
    public SortedDictionary<string, string> Texts(string key, Func<string, bool> isValidName, string nameRule)
    {
        var texts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Mapping(key) is not { } mapping)
        {
            return texts;
        }
        foreach (YamlNode name in mapping.Keys)
        {
            string text = name is YamlScalarNode { Value: { } scalar } ? scalar : "";
            if (!isValidName(text))
            {
                throw new SloSpecException(file, Line(name), slo, Field(key), $"\"{text}\" {nameRule}");
            }
            texts[text] = mapping.Optional(text) ?? "";
        }
        return texts;
    }

    public SloSpecException Fail(string key, string problem) =>
        Fail(key, Keys.FirstOrDefault(name => name is YamlScalarNode { Value: { } text } && text == key) ?? node, problem);

    public SloSpecException Fail(string problem) => new(file, Line(node), slo, path, problem);

    private SloSpecException Fail(string key, YamlNode at, string problem) => new(file, Line(at), slo, Field(key), problem);

    private YamlNode? Find(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    private string Field(string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static int Line(YamlNode at) => (int)at.Start.Line;
}
