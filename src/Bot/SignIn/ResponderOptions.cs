namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>Who, of the people who may sign in, may act: everyone (<see cref="AnyViewer"/>), or the listed people and groups.</summary>
public sealed class ResponderOptions
{
    public bool AnyViewer { get; set; }

    /// <summary>People by email or by the provider's subject id (with Slack, the Slack user id such as <c>U024BE7LH</c>).</summary>
    public List<string> Users { get; set; } = [];

    /// <summary>Groups of the <see cref="SignInOptions.GroupsClaim"/> claim.</summary>
    public List<string> Groups { get; set; } = [];
}
