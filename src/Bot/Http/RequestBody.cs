namespace ChatOpsIncidents.Bot.Http;

internal static class RequestBody
{
    /// <summary>
    /// The most any endpoint takes (the webhook and Slack interactions, 1 MiB): Kestrel refuses a longer body whatever the
    /// endpoint, as a backstop to each endpoint's own limit.
    /// </summary>
    public const int LargestAccepted = 1024 * 1024;

    /// <summary>The whole body, or null when it is longer than <paramref name="maxBytes"/> (checked while reading, so a lying Content-Length cannot get past it).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }
        using var body = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 4096, maxBytes));
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                return null;
            }
            body.Write(chunk, 0, read);
        }
        return body.ToArray();
    }
}
