using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace UpgradeBot.Tests.Support;

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
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Storage:ConnectionString"] = $"Data Source={databaseFile}",
        };
    }

    public string DatabaseFile { get; }

    public Action<IServiceCollection>? Overrides { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (Overrides is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }
}

/// <summary>A temp directory removed with the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "upgradebot-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a stopping host; the OS temp cleaner takes it later.
        }
    }
}
