using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace UpgradeBot.Playground;

/// <summary>
/// Once the server listens and before the host reports it has started (when the background steps and
/// Slack's start-up check begin), points the bot's Slack Web API and Champions conversation at the
/// host's own address. A server without addresses (an in-memory test server) leaves them at localhost.
/// </summary>
internal sealed class PlaygroundStartup(IServer server, PlaygroundMode mode, PlaygroundSettings settings) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (mode.On && Origin(server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) is { } origin)
        {
            settings.Listen(origin);
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The address the bot calls itself on: plain HTTP when the host listens on it (no certificate to
    /// trust), and localhost for an address that means every interface.
    /// </summary>
    public static Uri? Origin(IEnumerable<string> addresses)
    {
        var listening = addresses
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .OrderBy(u => u.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .FirstOrDefault();
        if (listening is null)
        {
            return null;
        }

        var any = IPAddress.TryParse(listening.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
        return new UriBuilder(listening.Scheme, any ? "localhost" : listening.Host, listening.Port).Uri;
    }
}
