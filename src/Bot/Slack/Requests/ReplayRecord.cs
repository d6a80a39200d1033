using ChatOpsIncidents.Core.Requests;

namespace ChatOpsIncidents.Bot.Slack.Requests;

/// <summary>How a Slack request's replay record (<see cref="HandledRequests"/>) is kept, so that it is acted on once.</summary>
internal enum ReplayRecord
{
    /// <summary>Recorded, durably, before the request is handled.</summary>
    Durable,

    /// <summary>The request only reads: recorded before it is handled, without waiting for the disk (<see cref="HandledRequests.FirstTimeReadingAsync"/>).</summary>
    WithoutWaitingForTheDisk,

    /// <summary>
    /// Recorded by its handler, in the transaction of its write (<see cref="HandledRequests.RecordInTransactionAsync"/>): one commit for both,
    /// and a replay is answered from the record there.
    /// </summary>
    InTheHandlersWrite,
}
