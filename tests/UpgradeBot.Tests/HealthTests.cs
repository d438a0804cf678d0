using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Storage;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests;

public class HealthTests
{
    [Fact]
    public async Task Healthz_is_ok_when_the_store_answers()
    {
        using var temp = new TempDirectory();
        await using var host = new BotHost(temp.File("bot.db"));

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(temp.File("bot.db")));
    }

    [Fact]
    public async Task Healthz_is_unavailable_when_the_store_does_not_answer()
    {
        using var temp = new TempDirectory();
        await using var host = new BotHost(temp.File("bot.db")) { Overrides = s => s.AddSingleton<IStoreLifecycle, SilentStore>() };

        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    private sealed class SilentStore : IStoreLifecycle
    {
        public Task MigrateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => throw new IOException("disk gone");
    }
}
