using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpgradeBot.Teams;

/// <summary>Writes the Teams app package (manifest.json and the two icons in one zip) for upload to Teams.</summary>
public static class TeamsPackage
{
    /// <summary>The app id in the committed manifest, replaced by the real one when packaging.</summary>
    public const string PlaceholderAppId = "00000000-0000-0000-0000-000000000000";

    private static readonly string[] Files = ["manifest.json", "color.png", "outline.png"];

    /// <param name="appId">The bot's Microsoft App ID (a GUID); it is both the Teams app id and the bot id.</param>
    public static async Task WriteAsync(string appId, string outPath, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(appId, out var id) || id == Guid.Empty)
        {
            throw new ArgumentException("The app id must be the bot's Microsoft App ID, a GUID.", nameof(appId));
        }

        var manifest = Manifest(id.ToString("D"));
        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await using var file = File.Create(outPath);
        await using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var name in Files)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            await using var target = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (name == "manifest.json")
            {
                await JsonSerializer.SerializeAsync(target, manifest, new JsonSerializerOptions { WriteIndented = true }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var source = Resource(name);
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The committed manifest with the app id filled in.</summary>
    public static JsonNode Manifest(string appId)
    {
        using var source = Resource("manifest.json");
        var manifest = JsonNode.Parse(source) ?? throw new InvalidOperationException("The embedded Teams manifest is empty.");
        manifest["id"] = appId;
        foreach (var bot in manifest["bots"]?.AsArray() ?? [])
        {
            bot!["botId"] = appId;
        }

        return manifest;
    }

    private static Stream Resource(string name) =>
        typeof(TeamsPackage).Assembly.GetManifestResourceStream($"TeamsPackage.{name}")
        ?? throw new InvalidOperationException($"The Teams package file {name} is not embedded in the build.");
}
