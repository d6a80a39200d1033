using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ChatOpsIncidents.Bot.Slos;

/// <summary>
/// Writes rule groups as a Prometheus rule file: multi-line expressions as literal blocks, label and annotation values
/// double-quoted (so "2" or "true" stay text), labels sorted by name. The same groups always give the same bytes.
/// </summary>
internal static class RuleFileWriter
{
    public static void Write(IEnumerable<RuleGroup> groups, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(writer);
        var emitter = new Emitter(writer, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024, indentSequences: true));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Plain(emitter, "groups");
        emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
        foreach (RuleGroup group in groups)
        {
            emitter.Emit(new MappingStart());
            Plain(emitter, "name");
            Plain(emitter, group.Name);
            Plain(emitter, "rules");
            emitter.Emit(new SequenceStart(null, null, false, SequenceStyle.Block));
            foreach (PrometheusRule rule in group.Rules)
            {
                WriteRule(emitter, rule);
            }
            emitter.Emit(new SequenceEnd());
            emitter.Emit(new MappingEnd());
        }
        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    private static void WriteRule(Emitter emitter, PrometheusRule rule)
    {
        emitter.Emit(new MappingStart());
        Plain(emitter, rule.Record is null ? "alert" : "record");
        Plain(emitter, rule.Record ?? rule.Alert!);
        Plain(emitter, "expr");
        emitter.Emit(new Scalar(null, null, rule.Expr, rule.Expr.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal : ScalarStyle.Plain, true, false));
        Texts(emitter, "labels", rule.Labels);
        Texts(emitter, "annotations", rule.Annotations);
        emitter.Emit(new MappingEnd());
    }

    private static void Texts(Emitter emitter, string key, IReadOnlyDictionary<string, string> texts)
    {
        if (texts.Count == 0)
        {
            return;
        }
        Plain(emitter, key);
        emitter.Emit(new MappingStart());
        foreach ((string name, string value) in texts.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            Plain(emitter, name);
            emitter.Emit(new Scalar(null, null, value, ScalarStyle.DoubleQuoted, false, true));
        }
        emitter.Emit(new MappingEnd());
    }

    private static void Plain(Emitter emitter, string value) => emitter.Emit(new Scalar(value));
}
