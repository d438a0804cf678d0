using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpgradeBot.Testing;

/// <summary>
/// Writes the cards the tests received to tests/clients/out/teams, where the real-client check
/// (adaptivecards in Chromium) reads them: the payloads checked are the ones the code produced.
/// </summary>
public static class CardOutput
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Directory { get; } = Path.Combine(RepositoryRoot(), "tests", "clients", "out", "teams");

    public static void Save(string name, JsonNode? card)
    {
        Assert.NotNull(card);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, name + ".json"), card.ToJsonString(Indented));
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UpgradeBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("UpgradeBot.sln not found above the test output folder.");
    }
}
