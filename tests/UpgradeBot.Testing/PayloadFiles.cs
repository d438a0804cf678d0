using System.Text.Json;

namespace UpgradeBot.Testing;

/// <summary>
/// Where the Block Kit payloads the bot really produced (messages, and modal views) are written for
/// the real-client check (tests/clients/slack reads tests/clients/out/slack).
/// </summary>
public static class PayloadFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder { get; } = Path.Combine(RepositoryRoot, "tests", "clients", "out", "slack");

    /// <summary>
    /// Saves a message body that has blocks, or the view a body carries (views.open, a
    /// <c>view_submission</c>'s answer); other bodies have nothing to type-check.
    /// </summary>
    public static void Save(string source, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (body.TryGetProperty("view", out var view) && view.ValueKind == JsonValueKind.Object)
        {
            SaveView(source, view);
        }
        else if (body.TryGetProperty("blocks", out var blocks) && blocks.ValueKind == JsonValueKind.Array)
        {
            Write(source, body);
        }
    }

    /// <summary>Saves a view (a modal or a Home tab); the check types it by its <c>type</c>.</summary>
    public static void SaveView(string source, JsonElement view) => Write($"view-{source}", view);

    /// <summary>Written aside and renamed, so the check (which may run at the same time) never reads half a file.</summary>
    private static void Write(string source, JsonElement payload)
    {
        Directory.CreateDirectory(Folder);
        var name = Path.Combine(Folder, $"{source}-{Guid.NewGuid():N}");
        File.WriteAllText(name + ".part", payload.GetRawText());
        File.Move(name + ".part", name + ".json");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UpgradeBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("UpgradeBot.sln not found above the test binaries.");
    }
}
