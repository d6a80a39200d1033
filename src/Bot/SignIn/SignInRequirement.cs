using Microsoft.AspNetCore.Authorization;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>What <see cref="SignInPolicies"/> ask of a request; met by <see cref="SignInAuthorizationHandler"/>.</summary>
internal sealed class SignInRequirement(bool toAct) : IAuthorizationRequirement
{
    public static SignInRequirement See { get; } = new(toAct: false);

    public static SignInRequirement Act { get; } = new(toAct: true);

    public bool ToAct { get; } = toAct;
}
