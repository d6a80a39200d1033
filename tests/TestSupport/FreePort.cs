using System.Net;
using System.Net.Sockets;

namespace ChatOpsIncidents.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1.</summary>
public static class FreePort
{
    /// <summary>
    /// A port that was free on 127.0.0.1 a moment ago (the OS picks it; we release it at once).
    /// Another process may take it before the caller binds it, so servers started on it retry on "address in use".
    /// </summary>
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
