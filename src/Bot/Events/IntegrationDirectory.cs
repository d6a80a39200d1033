using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.Events;

/// <summary>Finds the integration a routing key belongs to, comparing it with every configured key in constant time.</summary>
internal sealed class IntegrationDirectory(IOptions<EventsOptions> options)
{
    private readonly (string Name, EventIntegrationOptions Settings, byte[] Key)[] _integrations =
        [.. options.Value.Integrations.Select(pair => (pair.Key, pair.Value, Encoding.UTF8.GetBytes(pair.Value.RoutingKey)))];

    public (string Name, EventIntegrationOptions Settings)? Find(string routingKey)
    {
        byte[] presented = Encoding.UTF8.GetBytes(routingKey);
        (string Name, EventIntegrationOptions Settings)? found = null;
        foreach ((string name, EventIntegrationOptions settings, byte[] key) in _integrations)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key))
            {
                found = (name, settings); // no early exit: how long the search takes says nothing of which key matched
            }
        }
        return found;
    }
}
