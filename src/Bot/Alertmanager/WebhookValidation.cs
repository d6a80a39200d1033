using System.Diagnostics.CodeAnalysis;
using ChatOpsIncidents.Core.Alerts;

namespace ChatOpsIncidents.Bot.Alertmanager;

internal sealed record WebhookValidation(AlertGroupSignal? Group, IReadOnlyList<string> Problems)
{
    [MemberNotNullWhen(true, nameof(Group))]
    public bool IsValid => Group is not null;

    public static WebhookValidation Valid(AlertGroupSignal group) => new(group, []);

    public static WebhookValidation Invalid(IReadOnlyList<string> problems) => new(null, problems);
}
