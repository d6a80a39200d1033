namespace ChatOpsIncidents.Bot.Dashboard;

/// <summary>Which URLs from alerts and drafts become links: absolute http and https ones only (never <c>javascript:</c> or <c>data:</c>).</summary>
internal static class SafeLink
{
    public static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
