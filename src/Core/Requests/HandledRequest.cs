namespace ChatOpsIncidents.Core.Requests;

/// <summary>A request the bot acted on, by the key that tells it from any other (a signed chat request's signature).</summary>
public sealed class HandledRequest
{
    public const int MaxKeyLength = 128;

    private HandledRequest()
    {
    }

    public string Key { get; private set; } = "";

    public DateTimeOffset At { get; private set; }
}
