using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests.Support;

/// <summary>Each test of the class against a Teams host and a fake Bot Connector of its own, started before the test and stopped after it.</summary>
public abstract class TeamsHostTest(DateTimeOffset now) : IAsyncLifetime
{
    protected FakeConnector Connector { get; private set; } = null!;

    protected TeamsHost Bot { get; private set; } = null!;

    /// <summary>Activities as Teams sends them, with the fake connector as their service URL.</summary>
    protected Activities Payloads { get; private set; } = null!;

    /// <summary>Settings on top of the host's own; the connector is up by then, for settings that name it.</summary>
    protected virtual IDictionary<string, string?>? Settings(FakeConnector connector) => null;

    public async ValueTask InitializeAsync()
    {
        Connector = await FakeConnector.StartAsync();
        Bot = new TeamsHost(now, Settings(Connector));
        Payloads = new Activities(Connector.ServiceUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
