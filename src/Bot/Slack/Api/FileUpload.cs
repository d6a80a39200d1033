using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>A file to share in <paramref name="ChannelId"/>, optionally in a thread and with a message.</summary>
public sealed record FileUpload(string ChannelId, string Filename, ReadOnlyMemory<byte> Content)
{
    /// <summary>Shown above the file; the file name when not set.</summary>
    public string? Title { get; init; }

    /// <summary>Message text posted with the file, cut to <see cref="BlockKitLimits.MessageText"/>.</summary>
    public string? InitialComment
    {
        get;
        init => field = value is null ? null : Mrkdwn.Truncate(value, BlockKitLimits.MessageText);
    }

    /// <summary>Parent message to share the file under.</summary>
    public string? ThreadTs { get; init; }
}
