namespace ChatOpsIncidents.Bot.Tests.SignIn;

/// <summary>What the identity provider stand-in gets wrong in the ID token it issues.</summary>
public enum ProviderFault
{
    None,

    /// <summary>Signed with a key other than the one the JWKS publishes, under the same key id.</summary>
    BadSignature,

    WrongIssuer,

    /// <summary>Issued to another client.</summary>
    WrongAudience,

    /// <summary>Expired an hour ago.</summary>
    Expired,

    /// <summary>Carries a nonce other than the one the sign-in sent.</summary>
    WrongNonce,
}
