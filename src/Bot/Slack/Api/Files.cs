using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

// The file upload: files.getUploadURLExternal, the POST of the bytes, then files.completeUploadExternal.

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

/// <summary><c>files.getUploadURLExternal</c> answer: where to POST the bytes, and the id of the file-to-be.</summary>
internal sealed record UploadUrlResponse(string UploadUrl, string FileId);

/// <summary><c>files.completeUploadExternal</c> body.</summary>
internal sealed record CompleteUploadArguments(
    IReadOnlyList<UploadedFile> Files, string ChannelId, string? InitialComment = null, string? ThreadTs = null);

/// <summary>An entry of <c>files.completeUploadExternal</c>'s <c>files</c> array.</summary>
internal sealed record UploadedFile(string Id, string Title);
