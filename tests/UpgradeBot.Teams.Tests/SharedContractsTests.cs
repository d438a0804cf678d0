using System.Collections.Concurrent;
using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using UpgradeBot.Teams.Inbound;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

/// <summary>
/// Every connector client the adapter hands a turn shares one contract resolver, so Newtonsoft builds
/// each type's contract once per process instead of once per reply (see SharedContractsAuthentication).
/// </summary>
public sealed class SharedContractsTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private FakeConnector _connector = null!;
    private Activities _activities = null!;

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _activities = new Activities(_connector.ServiceUrl);
    }

    public async ValueTask DisposeAsync() => await _connector.DisposeAsync();

    [Fact]
    public async Task Two_anonymous_turns_get_new_clients_that_share_one_resolver()
    {
        using var host = new TeamsHost(TeamsHost.DuringUpgrade);
        var recorder = Record(host);

        await host.PostAsync(_activities.Personal("is the usage graph wrong?"));
        await host.PostAsync(_activities.Personal("is the usage graph wrong?"));

        var (first, second) = Two(recorder);
        Assert.NotSame(first, second);
        AssertShareOneResolver(first, second);
        Assert.All(_connector.Calls, call => Assert.NotNull(call.Card));
        Assert.Equal(2, _connector.Calls.Count);
    }

    [Fact]
    public async Task Proactive_turn_shares_the_resolver_of_inbound_turns()
    {
        using var host = new TeamsHost(TeamsHost.DuringUpgrade);
        var recorder = Record(host);
        var personal = _activities.Personal("help");
        await host.PostAsync(personal);

        await host.Service<TeamsAdapter>().ContinueConversationAsync(
            string.Empty,
            JsonConvert.DeserializeObject<Activity>(personal.ToJsonString())!.GetConversationReference(),
            (_, _) => Task.CompletedTask,
            CancellationToken.None);

        var (inbound, proactive) = Two(recorder);
        AssertShareOneResolver(inbound, proactive);
    }

    [Fact]
    public async Task Turns_with_validated_tokens_share_one_resolver()
    {
        await using var identity = await FakeIdentityProvider.StartAsync();
        using var host = new TeamsHost(TeamsHost.LongAfterUpgrade, identity.Settings(AppId));
        var recorder = Record(host);

        // Invokes are answered in the HTTP response, so no outbound token is needed.
        for (var turn = 0; turn < 2; turn++)
        {
            var response = await host.PostAsync(_activities.EscalateLicensingGraphs(), identity.Token(AppId, _connector.ServiceUrl, TimeProvider.System.GetUtcNow()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var (first, second) = Two(recorder);
        AssertShareOneResolver(first, second);
    }

    private static ConcurrentQueue<IConnectorClient> Record(TeamsHost host)
    {
        var recorder = new ClientRecorder();
        host.Service<TeamsAdapter>().Use(recorder);
        return recorder.Clients;
    }

    private static (IConnectorClient First, IConnectorClient Second) Two(ConcurrentQueue<IConnectorClient> clients)
    {
        Assert.Equal(2, clients.Count);
        return (clients.ElementAt(0), clients.ElementAt(1));
    }

    private static void AssertShareOneResolver(IConnectorClient first, IConnectorClient second)
    {
        var resolver = first.SerializationSettings.ContractResolver;
        Assert.NotNull(resolver);
        Assert.Same(resolver, first.DeserializationSettings.ContractResolver);
        Assert.Same(resolver, second.SerializationSettings.ContractResolver);
        Assert.Same(resolver, second.DeserializationSettings.ContractResolver);

        // The same kind as the SDK's own, so what is (and is not) serialized stays as the SDK meant.
        using var sdkClient = new ConnectorClient(new Uri("http://127.0.0.1/"));
        Assert.Equal(sdkClient.SerializationSettings.ContractResolver?.GetType(), resolver.GetType());
        Assert.Equal(sdkClient.DeserializationSettings.ContractResolver?.GetType(), resolver.GetType());
    }

    /// <summary>Adapter middleware that keeps the connector client of every turn, inbound or proactive.</summary>
    private sealed class ClientRecorder : IMiddleware
    {
        public ConcurrentQueue<IConnectorClient> Clients { get; } = new();

        public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
        {
            Clients.Enqueue(turnContext.TurnState.Get<IConnectorClient>());
            return next(cancellationToken);
        }
    }
}
