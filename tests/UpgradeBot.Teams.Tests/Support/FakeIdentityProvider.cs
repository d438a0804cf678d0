using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace UpgradeBot.Teams.Tests.Support;

/// <summary>
/// Stands in for the Bot Framework token service: an OpenID configuration and a JWKS (with the
/// channel endorsement the SDK checks) on 127.0.0.1, and RS256 tokens signed with its key.
/// </summary>
public sealed class FakeIdentityProvider : IAsyncDisposable
{
    public const string Issuer = "https://tokens.upgradebot.test";

    private readonly WebApplication _app;

    private FakeIdentityProvider(WebApplication app) => _app = app;

    public RsaSecurityKey Key { get; } = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    public string MetadataUrl { get; private set; } = string.Empty;

    public static async Task<FakeIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var provider = new FakeIdentityProvider(builder.Build());
        var app = provider._app;
        app.MapGet("/openid", (HttpContext context) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{context.Request.Scheme}://{context.Request.Host}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/jwks", () =>
        {
            var parameters = provider.Key.Rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new
                    {
                        kty = "RSA",
                        use = "sig",
                        kid = provider.Key.KeyId,
                        n = Base64UrlEncoder.Encode(parameters.Modulus),
                        e = Base64UrlEncoder.Encode(parameters.Exponent),
                        endorsements = new[] { "msteams" },
                    },
                },
            });
        });
        await app.StartAsync();
        provider.MetadataUrl = app.Urls.Single() + "/openid";
        AllowPlainHttpMetadata(provider.MetadataUrl);
        return provider;
    }

    /// <summary>
    /// The SDK fetches OpenID metadata with its own HTTPS-only retriever and HttpClient, so a local
    /// provider is neither reachable over HTTP nor trusted over HTTPS. The SDK keeps one configuration
    /// manager per metadata URL in a static cache; seeding it for this URL with an HTTP-capable one
    /// leaves every validation step (signature, issuer, audience, lifetime, serviceurl, endorsement) to the SDK.
    /// </summary>
    private static void AllowPlainHttpMetadata(string metadataUrl)
    {
        var cache = typeof(JwtTokenExtractor)
            .GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .OfType<ConcurrentDictionary<string, ConfigurationManager<OpenIdConnectConfiguration>>>()
            .Single();
        cache[metadataUrl] = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = false });
    }

    /// <summary>The settings that put Bot Framework authentication in parameterized mode against this provider: all of them, as unset ones are read as null.</summary>
    public Dictionary<string, string?> Settings(string appId) => new()
    {
        ["MicrosoftAppType"] = "SingleTenant",
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = "not-a-real-secret",
        ["MicrosoftAppTenantId"] = "vendor-tenant",
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = MetadataUrl,
        ["ToBotFromChannelTokenIssuer"] = Issuer,
        ["ToChannelFromBotLoginUrl"] = "https://login.upgradebot.test/vendor-tenant",
        ["ToChannelFromBotOAuthScope"] = "https://api.upgradebot.test",
        ["OAuthUrl"] = "https://oauth.upgradebot.test",
        ["ValidateAuthority"] = "false",
        ["CallerId"] = "urn:botframework:test",
    };

    public string Token(string audience, string serviceUrl, DateTimeOffset now, string issuer = Issuer, SecurityKey? key = null, TimeSpan? lifetime = null)
    {
        var handler = new JwtSecurityTokenHandler();
        var issuedAt = now.UtcDateTime.AddMinutes(-10);
        var token = handler.CreateJwtSecurityToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(1)),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? Key, SecurityAlgorithms.RsaSha256),
        });
        return handler.WriteToken(token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

}
