using Microsoft.AspNetCore.Authorization;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>What <see cref="SignInPolicies"/> ask of a request; met by <see cref="SignInAuthorizationHandler"/>.</summary>
internal sealed class SignInRequirement(bool toAct, bool takesToken = true) : IAuthorizationRequirement
{
    public static SignInRequirement See { get; } = new(toAct: false);

    public static SignInRequirement Act { get; } = new(toAct: true);

    public static SignInRequirement ActInPerson { get; } = new(toAct: true, takesToken: false);

    public bool ToAct { get; } = toAct;

    /// <summary>Whether a bearer token of the API meets it (else only a signed-in person does).</summary>
    public bool TakesToken { get; } = takesToken;
}
