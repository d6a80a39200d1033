using System.Globalization;
using System.Text.RegularExpressions;
using ChatOpsIncidents.Runbooks.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatOpsIncidents.Runbooks.Definitions;

/// <summary>
/// Reads runbook files: Markdown with YAML front matter between <c>---</c> lines (runbooks/template.md documents every field).
/// Any mistake stops loading with a <see cref="RunbookLoadException"/> naming the file, the field and the problem, so a
/// broken runbook is found when the bot starts, not at 3 a.m. when someone needs it.
/// </summary>
public static partial class RunbookLoader
{
    /// <summary>The documented example in the runbooks folder; it is not a runbook.</summary>
    public const string TemplateFile = "template.md";

    /// <summary>The largest runbook file read; a runbook is a page of procedure, not a data file.</summary>
    public const int MaxFileBytes = 256 * 1024;

    private static readonly IDeserializer s_yaml = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();

    private static readonly Dictionary<string, StepKind> s_kinds = Enum.GetValues<StepKind>().ToDictionary(RunbookStep.KindName, kind => kind);

    public static IReadOnlyList<Runbook> LoadFolder(string folder)
    {
        List<Runbook> runbooks = [];
        foreach (string file in Directory.EnumerateFiles(folder, "*.md").Where(f => Path.GetFileName(f) != TemplateFile).Order(StringComparer.Ordinal))
        {
            long size = new FileInfo(file).Length;
            if (size > MaxFileBytes)
            {
                throw new RunbookLoadException(file, "file", $"is {size} bytes; a runbook file may have at most {MaxFileBytes} bytes.");
            }
            Runbook runbook = Load(file, File.ReadAllText(file));
            if (runbooks.FirstOrDefault(r => r.Id == runbook.Id) is { } twin)
            {
                throw new RunbookLoadException(file, "id", $"\"{runbook.Id}\" is already the id of {twin.File}; ids must be unique.");
            }
            runbooks.Add(runbook);
        }
        return runbooks;
    }

    public static Runbook Load(string file, string text)
    {
        (string yaml, string body) = Split(file, text.ReplaceLineEndings("\n"));
        RunbookFrontMatter front;
        try
        {
            front = s_yaml.Deserialize<RunbookFrontMatter?>(yaml) ?? throw new RunbookLoadException(file, "front matter", "is empty.");
        }
        catch (YamlException exception)
        {
            string problem = (exception.InnerException?.Message ?? exception.Message).Replace("Property '", "field '", StringComparison.Ordinal);
            throw new RunbookLoadException(file, $"front matter line {exception.Start.Line + 1}", problem, exception);
        }
        string id = Required(file, "id", front.Id);
        if (!IdPattern().IsMatch(id))
        {
            throw new RunbookLoadException(file, "id", $"\"{id}\" must be lower-case letters, digits and '-', at most 63 characters, such as \"restart-deployment\".");
        }
        List<RunbookParameter> parameters = Parameters(file, front.Params ?? []);
        List<RunbookStep> steps = Steps(file, front.Steps ?? [], parameters);
        if (steps.Count == 0)
        {
            throw new RunbookLoadException(file, "steps", "a runbook needs at least one step.");
        }
        if (front.Auto && front.MaxRunsPerHour is not > 0)
        {
            throw new RunbookLoadException(file, "max_runs_per_hour", "an auto runbook must say how often it may run by itself, such as max_runs_per_hour: 2.");
        }
        List<RunbookTarget> targets = Targets(file, front.Targets ?? []);
        if (front.Auto && targets.Count == 0 && steps.Any(step => step.ChangesCluster))
        {
            throw new RunbookLoadException(file, "targets",
                "an auto runbook that changes the cluster must list the deployments it may act on (namespace and deployment, such as payments/checkout-*): alert labels only choose among them.");
        }
        foreach (string allowed in front.Allowed ?? [])
        {
            if (!AllowedPattern().IsMatch(allowed))
            {
                throw new RunbookLoadException(file, "allowed", $"\"{allowed}\" is neither a Slack user id (U…) nor a user-group handle (@team).");
            }
        }
        return new Runbook(id, Required(file, "title", front.Title), Required(file, "summary", front.Summary), file)
        {
            Match = Match(file, front.Match),
            Parameters = parameters,
            Steps = steps,
            Targets = targets,
            Confirm = front.Confirm,
            Allowed = front.Allowed ?? [],
            Auto = front.Auto,
            MaxRunsPerHour = front.MaxRunsPerHour ?? 0,
            Body = body.Trim(),
        };
    }

    private static (string Yaml, string Body) Split(string file, string text)
    {
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new RunbookLoadException(file, "front matter", "the file must start with a line \"---\", the YAML front matter, and another \"---\".");
        }
        int end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw new RunbookLoadException(file, "front matter", "has no closing \"---\" line.");
        }
        int bodyStart = text.IndexOf('\n', end + 4);
        return (text[4..(end + 1)], bodyStart < 0 ? "" : text[(bodyStart + 1)..]);
    }

    private static RunbookMatch Match(string file, MatchFrontMatter? match)
    {
        if (match is null)
        {
            return RunbookMatch.Nothing;
        }
        if (match.Alertname is not { Count: > 0 } && match.Labels is not { Count: > 0 })
        {
            throw new RunbookLoadException(file, "match", "needs an alertname list or labels; leave match out for a runbook run by hand only.");
        }
        return new RunbookMatch(match.Alertname ?? [], match.Labels ?? []);
    }

    private static List<RunbookParameter> Parameters(string file, List<ParameterFrontMatter> declared)
    {
        List<RunbookParameter> parameters = [];
        for (int i = 0; i < declared.Count; i++)
        {
            ParameterFrontMatter parameter = declared[i];
            string field = $"params[{i}]";
            string name = Required(file, $"{field}.name", parameter.Name);
            if (!ParameterName().IsMatch(name) || parameters.Any(p => p.Name == name))
            {
                throw new RunbookLoadException(file, $"{field}.name", $"\"{name}\" must be a unique name of letters, digits and '_', such as \"deployment\".");
            }
            if (parameter.Default is { } template && (RunbookTemplate.HasUnknownReference(template)
                || RunbookTemplate.References(template).Any(reference => reference.Scope != RunbookTemplate.Labels)))
            {
                throw new RunbookLoadException(file, $"{field}.default", $"\"{template}\" may only refer to alert labels, as in \"{{{{ labels.namespace }}}}\".");
            }
            parameters.Add(new RunbookParameter(name, Required(file, $"{field}.description", parameter.Description))
            {
                Default = parameter.Default,
                Pattern = parameter.Pattern is { } pattern ? Pattern(file, $"{field}.pattern", pattern) : null,
            });
        }
        return parameters;
    }

    private static List<RunbookTarget> Targets(string file, List<TargetFrontMatter> declared)
    {
        List<RunbookTarget> targets = [];
        for (int i = 0; i < declared.Count; i++)
        {
            string ns = Required(file, $"targets[{i}].namespace", declared[i].Namespace);
            string deployment = Required(file, $"targets[{i}].deployment", declared[i].Deployment);
            // a pattern is a name once each * stands for one letter
            if (!DnsName.IsLabel(ns.Replace('*', 'a')))
            {
                throw new RunbookLoadException(file, $"targets[{i}].namespace", $"\"{ns}\" is neither a namespace nor a pattern of one such as \"team-*\".");
            }
            if (!DnsName.IsSubdomain(deployment.Replace('*', 'a')))
            {
                throw new RunbookLoadException(file, $"targets[{i}].deployment", $"\"{deployment}\" is neither a deployment name nor a pattern of one such as \"checkout-*\".");
            }
            targets.Add(new RunbookTarget(ns, deployment));
        }
        return targets;
    }

    private static Regex Pattern(string file, string field, string pattern)
    {
        try
        {
            return new Regex($"^(?:{pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            throw new RunbookLoadException(file, field, $"\"{pattern}\" is not a regular expression: {exception.Message}", exception);
        }
    }

    private static List<RunbookStep> Steps(string file, List<StepFrontMatter> declared, List<RunbookParameter> parameters)
    {
        List<RunbookStep> steps = [];
        for (int i = 0; i < declared.Count; i++)
        {
            StepFrontMatter step = declared[i];
            string field = $"steps[{i}]";
            string kindName = Required(file, $"{field}.kind", step.Kind);
            if (!s_kinds.TryGetValue(kindName, out StepKind kind))
            {
                throw new RunbookLoadException(file, $"{field}.kind", $"\"{kindName}\" is not a step kind; use one of: {string.Join(", ", s_kinds.Keys)}.");
            }
            var built = new RunbookStep(kind, step.Name ?? kindName)
            {
                Namespace = step.Namespace ?? RunbookStep.DefaultNamespace,
                Deployment = step.Deployment ?? RunbookStep.DefaultDeployment,
                Replicas = step.Replicas,
                Min = step.Min ?? 0,
                Max = step.Max ?? 0,
                RaiseAutoscalerMin = step.RaiseAutoscalerMin ?? false,
                Timeout = step.Timeout is null ? null : Duration(file, $"{field}.timeout", step.Timeout),
                Duration = kind == StepKind.Wait ? Duration(file, $"{field}.duration", step.Duration) : TimeSpan.Zero,
                Url = step.Url,
                ExpectStatus = step.ExpectStatus ?? 200,
                AllowedHosts = step.AllowedHosts ?? [],
                TailLines = step.TailLines ?? 100,
                EventsOf = step.Object,
            };
            CheckStep(file, field, built, parameters);
            steps.Add(built);
        }
        return steps;
    }

    private static void CheckStep(string file, string field, RunbookStep step, List<RunbookParameter> parameters)
    {
        List<(string Field, string Template)> templates = [];
        if (step.UsesKubernetes)
        {
            templates.Add(("namespace", step.Namespace));
        }
        if (step.NamesDeployment)
        {
            templates.Add(("deployment", step.Deployment));
        }
        if (step.Kind == StepKind.KubernetesEvents)
        {
            string target = step.EventsOf ?? throw new RunbookLoadException(file, $"{field}.object",
                "kubernetes.events needs the object whose events it reads, such as \"Node/{{ params.node }}\".");
            if (!ObjectPattern().IsMatch(target))
            {
                throw new RunbookLoadException(file, $"{field}.object",
                    $"\"{target}\" must be a kind as Kubernetes spells it, '/' and a name, such as \"DaemonSet/{{{{ params.daemonset }}}}\".");
            }
            templates.Add(("object", target));
        }
        else if (step.EventsOf is not null)
        {
            throw new RunbookLoadException(file, $"{field}.object", "only a kubernetes.events step reads the events of an object.");
        }
        if (step.Kind == StepKind.KubernetesScale)
        {
            string replicas = step.Replicas ?? throw new RunbookLoadException(file, $"{field}.replicas", "kubernetes.scale needs replicas, a number or \"{{ params.replicas }}\".");
            templates.Add(("replicas", replicas));
            if (step.Min < 1 || step.Max < step.Min)
            {
                throw new RunbookLoadException(file, $"{field}.min", $"kubernetes.scale needs bounds with 1 <= min <= max (scaling to 0 stops every pod); min is {step.Min}, max {step.Max}.");
            }
            if (!replicas.Contains("{{", StringComparison.Ordinal) && !int.TryParse(replicas, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new RunbookLoadException(file, $"{field}.replicas", $"\"{replicas}\" is neither a number nor a template.");
            }
        }
        if (step.AllowedHosts.Count > 0 && step.Kind != StepKind.HttpCheck)
        {
            throw new RunbookLoadException(file, $"{field}.allowed_hosts", "only an http.check step has hosts to allow.");
        }
        if (step.RaiseAutoscalerMin && step.Kind != StepKind.KubernetesScale)
        {
            throw new RunbookLoadException(file, $"{field}.raise_autoscaler_min", "only a kubernetes.scale step can raise an autoscaler's minimum.");
        }
        if (step.Kind == StepKind.HttpCheck)
        {
            string url = step.Url ?? throw new RunbookLoadException(file, $"{field}.url", "http.check needs the url to check.");
            templates.Add(("url", url));
            if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal))
            {
                throw new RunbookLoadException(file, $"{field}.url", $"\"{url}\" must be an http or https URL.");
            }
            if (url[HttpUrlTemplate.AuthorityEnd(url)..].Contains("{{", StringComparison.Ordinal))
            {
                throw new RunbookLoadException(file, $"{field}.url", $"\"{url}\" may take only its host from a template, as in \"http://{{{{ labels.instance }}}}/healthz\".");
            }
            if (url.Contains("{{", StringComparison.Ordinal) && step.AllowedHosts.Count == 0)
            {
                throw new RunbookLoadException(file, $"{field}.allowed_hosts",
                    "http.check takes its host from a template, so it must list the hosts it may check (host or host:port, * for one name label).");
            }
            if (step.AllowedHosts.FirstOrDefault(host => !HttpUrlTemplate.IsHostPattern(host)) is { } wrong)
            {
                throw new RunbookLoadException(file, $"{field}.allowed_hosts", $"\"{wrong}\" is neither a host nor host:port, such as \"*.payments.svc:8080\".");
            }
        }
        foreach ((string name, string template) in templates)
        {
            if (RunbookTemplate.HasUnknownReference(template))
            {
                throw new RunbookLoadException(file, $"{field}.{name}", $"\"{template}\" has a template that is neither {{{{ params.NAME }}}} nor {{{{ labels.NAME }}}}.");
            }
            foreach ((string scope, string reference) in RunbookTemplate.References(template))
            {
                if (scope == RunbookTemplate.Params && parameters.All(p => p.Name != reference))
                {
                    throw new RunbookLoadException(file, $"{field}.{name}", $"refers to the parameter \"{reference}\", which params does not declare.");
                }
            }
        }
    }

    private static TimeSpan Duration(string file, string field, string? text) => DurationText.TryParse(text, out TimeSpan duration)
        ? duration
        : throw new RunbookLoadException(file, field, $"\"{text}\" is not a duration such as 30s, 5m or 1h.");

    private static string Required(string file, string field, string? value) => string.IsNullOrWhiteSpace(value)
        ? throw new RunbookLoadException(file, field, "is required.")
        : value.Trim();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ParameterName();

    [GeneratedRegex("^[A-Z][A-Za-z]{1,62}/.+$")]
    private static partial Regex ObjectPattern();

    [GeneratedRegex("^([UW][A-Z0-9]{2,}|@[a-z0-9][a-z0-9._-]*)$")]
    private static partial Regex AllowedPattern();
}
