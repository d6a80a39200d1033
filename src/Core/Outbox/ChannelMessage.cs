namespace ChatOpsIncidents.Core.Outbox;

/// <summary>
/// A message for a chat channel that belongs to no incident (the weekly report), written in the transaction of the change
/// that has something to tell and delivered by the outbox's channel-message lane (<see cref="ChannelMessageClaims"/>): at least
/// once, in the order written, retried with backoff until chat takes it or refuses it for good. The text is plain: the chat
/// adapter escapes it.
/// </summary>
public sealed class ChannelMessage
{
    /// <summary>Chat's own limit on a message's text is 40,000 characters; the bot's messages stay well under it.</summary>
    public const int MaxTextLength = 12_000;

    public const int MaxChannelLength = 80;

    private ChannelMessage()
    {
    }

    /// <param name="channel">The channel; null for the incidents channel.</param>
    public ChannelMessage(string? channel, string text, DateTimeOffset now)
    {
        if (text.Length is 0 or > MaxTextLength)
        {
            throw new ArgumentException($"A channel message has 1 to {MaxTextLength} characters, not {text.Length}.", nameof(text));
        }
        Channel = channel;
        Text = text;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public long Id { get; private set; }

    /// <summary>The chat channel to post in; null for the incidents channel.</summary>
    public string? Channel { get; private set; }

    public string Text { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>Consecutive failed attempts.</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public string? LeaseOwner { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>When chat took the message or refused it for good; null while it is still to be posted.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Chat's id of the posted message; null until posted, and for good when chat refused it.</summary>
    public string? MessageId { get; private set; }

    public void Posted(string messageId, DateTimeOffset at)
    {
        MessageId = messageId;
        Finish(at);
    }

    /// <summary>Chat refused the message for good (<paramref name="error"/> says why): it is not tried again.</summary>
    public void Refused(string error, DateTimeOffset at)
    {
        LastError = error;
        Finish(at);
    }

    /// <summary>This attempt failed; the message can be claimed again at <paramref name="retryAt"/>.</summary>
    public void Retry(DateTimeOffset retryAt, string error)
    {
        Attempts++;
        LastError = error;
        NextAttemptAt = retryAt;
        ReleaseLease();
    }

    private void Finish(DateTimeOffset at)
    {
        FinishedAt = at;
        ReleaseLease();
    }

    private void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseUntil = null;
    }
}
