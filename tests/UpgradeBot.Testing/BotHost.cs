using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace UpgradeBot.Testing;

/// <summary>
/// The real host over a fresh SQLite file, with settings layered on top the way an operator would
/// (they win over appsettings.json). Disposing it stops the host; the database stays for a restart.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public BotHost(string databaseFile, IDictionary<string, string?>? settings = null)
    {
        DatabaseFile = databaseFile;

        // A test of something else sees the service as it configures it, not with the playground a
        // local-mode host turns on; a test of the playground sets Playground:Enabled itself (null = the default).
        _settings = new Dictionary<string, string?> { ["Playground:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        _settings["Storage:ConnectionString"] = $"Data Source={databaseFile}";
    }

    public string DatabaseFile { get; }

    public Action<IServiceCollection>? Overrides { get; init; }

    /// <summary>A client that sends <c>Authorization: Bearer <paramref name="key"/></c>, as an admin API caller does.</summary>
    public HttpClient CreateAdminClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>
    /// Serves on a real Kestrel socket on 127.0.0.1 instead of the in-memory test server, for
    /// requests only a real server sees as sent (odd paths, encodings); returns a client for it.
    /// </summary>
    public HttpClient StartOnLoopback()
    {
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (Overrides is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }
}
