using System.Net;
using System.Net.Sockets;
using ChatOpsIncidents.Runbooks.Definitions;

namespace ChatOpsIncidents.Runbooks.Execution.Steps;

/// <summary>
/// Opens http.check's connections: resolves the host once, refuses when an address it resolves to is link-local, a cloud
/// metadata address or the bot's own Kubernetes API server (unless the step's <c>allowed_hosts</c> names the host exactly),
/// and connects to the addresses it checked, so a name that resolves differently the second time (DNS rebinding) gains
/// nothing. The step's hosts travel with the request (<see cref="AllowedHosts"/>).
/// </summary>
internal sealed class HttpCheckConnector(Uri? kubernetesServer, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    public static readonly HttpRequestOptionsKey<IReadOnlyList<string>> AllowedHosts = new("chatops.http-check.allowed-hosts");

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        DnsEndPoint endpoint = context.DnsEndPoint;
        IPAddress[] addresses = await ResolveAsync(endpoint.Host, cancellationToken);
        bool listed = context.InitialRequestMessage.Options.TryGetValue(AllowedHosts, out IReadOnlyList<string>? hosts)
            && HttpUrlTemplate.Lists(hosts, endpoint.Host, endpoint.Port);
        if (!listed)
        {
            IPAddress[] server = kubernetesServer is null ? [] : await ResolveAsync(kubernetesServer.IdnHost, cancellationToken);
            foreach (IPAddress address in addresses)
            {
                if (HttpUrlTemplate.IsLinkLocalOrMetadata(address) || (endpoint.Port == kubernetesServer?.Port && server.Contains(Unmapped(address))))
                {
                    throw new HttpRequestException(
                        $"{endpoint.Host} resolves to {address}, a link-local, metadata or Kubernetes API address: only an allowed_hosts entry naming the host exactly lets a check reach it.");
                }
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        string bare = host.TrimStart('[').TrimEnd(']');
        return IPAddress.TryParse(bare, out IPAddress? literal) ? [Unmapped(literal)] : [.. (await resolve(bare, cancellationToken)).Select(Unmapped)];
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
