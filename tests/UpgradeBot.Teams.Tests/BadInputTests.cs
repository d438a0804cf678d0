using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

public sealed class BadInputTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private TeamsHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _host = new TeamsHost(TeamsHost.DuringUpgrade);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"text\": \"no type\"}")]
    [InlineData("{\"type\": \"message\", \"timestamp\": {\"not\": \"a date\"}}")]
    public async Task Malformed_activity_gets_400_with_a_reason(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _host.Client.PostAsync(TeamsPlatform.MessagesPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Unknown_invoke_gets_400()
    {
        var response = await _host.PostAsync(new Activities(_connector.ServiceUrl).Invoke("composeExtension/query", new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_connector.Calls);
    }
}
