using ChatOpsIncidents.Bot.Slack.BlockKit;

namespace ChatOpsIncidents.Bot.Slack.Api;

/// <summary>
/// The Slack Web API methods the bot uses. Every call either succeeds or throws <see cref="SlackApiException"/>: Slack's
/// <c>{"ok":false,"error":…}</c>, HTTP errors, timeouts and network failures all end there, after the retries the client makes itself.
/// </summary>
public interface ISlackApi
{
    /// <summary><c>chat.postMessage</c>: posts to a channel (or a thread, with <see cref="PostMessageRequest.ThreadTs"/>).</summary>
    Task<PostedMessage> PostMessageAsync(PostMessageRequest message, CancellationToken cancellationToken);

    /// <summary><c>chat.update</c>: replaces the text and blocks of a message the bot posted.</summary>
    Task UpdateMessageAsync(UpdateMessageRequest message, CancellationToken cancellationToken);

    /// <summary><c>chat.postEphemeral</c>: a message only <see cref="PostEphemeralRequest.User"/> sees, not kept by Slack.</summary>
    Task PostEphemeralAsync(PostEphemeralRequest message, CancellationToken cancellationToken);

    /// <summary>
    /// <c>conversations.create</c>. A name in use throws <see cref="SlackApiException"/> with <c>Error == "name_taken"</c>,
    /// so the caller can try another name.
    /// </summary>
    Task<SlackChannel> CreateChannelAsync(string name, bool isPrivate, CancellationToken cancellationToken);

    /// <summary>
    /// <c>conversations.invite</c> with <c>force</c>: invites whom it can and skips users already in the channel;
    /// <c>already_in_channel</c> counts as success.
    /// </summary>
    Task InviteToChannelAsync(string channel, IReadOnlyList<string> users, CancellationToken cancellationToken);

    /// <summary><c>conversations.setTopic</c>: plain text, at most 250 characters.</summary>
    Task SetChannelTopicAsync(string channel, string topic, CancellationToken cancellationToken);

    /// <summary><c>conversations.archive</c>; <c>already_archived</c> counts as success.</summary>
    Task ArchiveChannelAsync(string channel, CancellationToken cancellationToken);

    /// <summary><c>conversations.open</c>: the id of the direct-message conversation (<c>D…</c>) with these users.</summary>
    Task<string> OpenDirectMessageAsync(IReadOnlyList<string> users, CancellationToken cancellationToken);

    /// <summary><c>users.info</c> (form-encoded: the method takes no JSON body).</summary>
    Task<SlackUser> GetUserAsync(string user, CancellationToken cancellationToken);

    /// <summary>
    /// <c>users.lookupByEmail</c> (form-encoded; needs the <c>users:read.email</c> scope): the member with this email address. None
    /// throws <see cref="SlackApiException"/> with <c>Error == "users_not_found"</c>.
    /// </summary>
    Task<SlackUser> LookUpUserByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary><c>usergroups.list</c> with each group's members (form-encoded; needs the <c>usergroups:read</c> scope).</summary>
    Task<IReadOnlyList<SlackUserGroup>> ListUserGroupsAsync(CancellationToken cancellationToken);

    /// <summary><c>views.open</c>: opens a modal. Trigger ids expire about 3 s after Slack issued them and work once.</summary>
    Task OpenViewAsync(string triggerId, ModalView view, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads a file and shares it in a channel: <c>files.getUploadURLExternal</c>, a POST of the bytes to the
    /// <c>upload_url</c> it returns, then <c>files.completeUploadExternal</c>. Returns the file id (<c>F…</c>).
    /// </summary>
    Task<string> UploadFileAsync(FileUpload file, CancellationToken cancellationToken);

    /// <summary>Deletes a file the bot shared (<c>files.delete</c>); one already gone counts as deleted.</summary>
    Task DeleteFileAsync(string fileId, CancellationToken cancellationToken);
}
