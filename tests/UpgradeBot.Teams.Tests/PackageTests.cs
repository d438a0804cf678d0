using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

public sealed class PackageTests : IDisposable
{
    private const string AppId = "6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "upgradebot-teams-package", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Package_holds_the_manifest_with_the_app_id_and_both_icons()
    {
        var zipPath = Path.Combine(_directory, "upgradebot.zip");

        await TeamsPackage.WriteAsync(AppId, zipPath, TestContext.Current.CancellationToken);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        await using var manifestStream = await zip.GetEntry("manifest.json")!.OpenAsync(TestContext.Current.CancellationToken);
        var manifest = JsonNode.Parse(manifestStream)!;
        Assert.Equal(AppId, (string?)manifest["id"]);
        Assert.Equal(AppId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(["help", "status", "subscribe", "unsubscribe"], manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.Equal((192, 192), PngSize(zip.GetEntry("color.png")!));
        Assert.Equal((32, 32), PngSize(zip.GetEntry("outline.png")!));

        // The real-client check validates exactly this manifest against the official schema.
        Directory.CreateDirectory(CardOutput.Directory);
        await File.WriteAllTextAsync(Path.Combine(CardOutput.Directory, "..", "teams-manifest.json"), manifest.ToJsonString(), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData(TeamsPackage.PlaceholderAppId)]
    public async Task Package_refuses_an_app_id_that_is_not_a_real_guid(string appId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => TeamsPackage.WriteAsync(appId, Path.Combine(_directory, "x.zip"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Teams_package_verb_writes_the_package()
    {
        var zipPath = Path.Combine(_directory, "verb.zip");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "UpgradeBot.dll"), "teams-package", "--app-id", AppId, "--out", zipPath })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, await stderr);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(3, zip.Entries.Count);
    }

    private static (int Width, int Height) PngSize(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var header = new byte[24];
        stream.ReadExactly(header);
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }
}
