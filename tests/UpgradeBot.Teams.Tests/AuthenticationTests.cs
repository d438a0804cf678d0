using System.Net;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using UpgradeBot.Core.Escalation;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

/// <summary>Real JWT validation by the SDK, offline: a local OpenID configuration and JWKS, tokens signed with a local key.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private FakeIdentityProvider _identity = null!;
    private FakeConnector _connector = null!;
    private TeamsHost _host = null!;
    private Activities _activities = null!;

    public async ValueTask InitializeAsync()
    {
        _identity = await FakeIdentityProvider.StartAsync();
        _connector = await FakeConnector.StartAsync();
        _host = new TeamsHost(TeamsHost.LongAfterUpgrade, _identity.Settings(AppId));
        _activities = new Activities(_connector.ServiceUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task Token_from_the_channel_is_accepted_and_the_activity_processed()
    {
        var token = _identity.Token(AppId, _connector.ServiceUrl, RealNow);

        var response = await _host.PostAsync(_activities.EscalateLicensingGraphs(), token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Escalated as UPG-", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await EscalationCountAsync());
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong-audience", "wrong-issuer", "wrong-key", "wrong-serviceurl", "missing", "garbage"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Bad_or_missing_token_gets_401_and_nothing_is_processed(string kind)
    {
        var otherKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = _identity.Key.KeyId };
        var token = kind switch
        {
            "expired" => _identity.Token(AppId, _connector.ServiceUrl, RealNow.AddHours(-3)),
            "wrong-audience" => _identity.Token("99999999-2222-3333-4444-555555555555", _connector.ServiceUrl, RealNow),
            "wrong-issuer" => _identity.Token(AppId, _connector.ServiceUrl, RealNow, issuer: "https://someone-else.test"),
            "wrong-key" => _identity.Token(AppId, _connector.ServiceUrl, RealNow, key: otherKey),
            "wrong-serviceurl" => _identity.Token(AppId, "https://elsewhere.test/", RealNow),
            "garbage" => "not.a.token",
            _ => null,
        };

        var response = await _host.PostAsync(_activities.EscalateLicensingGraphs(), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await EscalationCountAsync());
        Assert.Empty(_connector.Calls);
    }

    /// <summary>Token lifetimes are checked by the SDK against the real clock, not the host's fake one.</summary>
    private static DateTimeOffset RealNow => TimeProvider.System.GetUtcNow();

    private async Task<int> EscalationCountAsync() =>
        (await _host.Service<IEscalationStore>().ListAsync(null, null, 0, 10)).Total;
}
