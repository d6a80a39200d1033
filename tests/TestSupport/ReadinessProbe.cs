using System.Diagnostics;
using System.Net;

namespace ChatOpsIncidents.TestSupport;

/// <summary>Polls a child process's readiness endpoint until it answers 200; fails with the process's output when it exits or never gets ready.</summary>
public sealed record ReadinessProbe(string Name, Process Process, HttpClient Http, Uri ReadyUri, TimeSpan AttemptTimeout, TimeSpan Limit)
{
    public async Task WaitAsync(Func<string> output, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        string lastAnswer = "no answer yet";
        while (Stopwatch.GetElapsedTime(started) < Limit)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {Process.ExitCode} before it was ready. Its output:\n{output()}");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(AttemptTimeout);
                using HttpResponseMessage response = await Http.GetAsync(ReadyUri, attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                lastAnswer = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (HttpRequestException ex)
            {
                lastAnswer = ex.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastAnswer = $"GET /{ReadyUri} timed out";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        throw new InvalidOperationException(
            $"{Name} at {Http.BaseAddress} was not ready within {Limit.TotalSeconds:0} s (last: {lastAnswer}). Its output:\n{output()}");
    }
}
