using Microsoft.Extensions.Configuration;
using UpgradeBot.Core.Configuration;
using UpgradeBot.Hosting;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests;

public class ConfigurationLayersTests
{
    private static IConfigurationRoot Build(TempDirectory temp, string shipped, string? overlay, params string[] switches)
    {
        File.WriteAllText(temp.File("appsettings.json"), shipped);
        string? overlayFile = null;
        if (overlay is not null)
        {
            overlayFile = temp.File("overlay.json");
            File.WriteAllText(overlayFile, overlay);
        }

        var builder = new ConfigurationBuilder();
        ConfigurationLayers.Apply(builder, temp.Path, "Production", overlayFile, switches);
        return builder.Build();
    }

    private const string TwoUpgrades = """
        { "Upgrades": [ { "Id": "a", "Title": "A" }, { "Id": "b", "Title": "B", "StatusUrl": "https://b.example" } ],
          "Calendar": { "TimeZone": "Europe/London", "Holidays": [ "2027-01-01", "2027-12-25" ] } }
        """;

    [Fact]
    public void A_list_in_the_config_file_replaces_the_shipped_list_whole()
    {
        using var temp = new TempDirectory();

        var config = Build(temp, TwoUpgrades, """{ "Upgrades": [ { "Id": "c", "Title": "C" } ] }""");

        var upgrades = config.Get<ScheduleOptions>()!.Upgrades;
        Assert.Equal("c", Assert.Single(upgrades).Id);
        Assert.Null(upgrades[0].StatusUrl);
        Assert.Equal(2, config.GetSection("Calendar:Holidays").GetChildren().Count());
    }

    [Fact]
    public void An_empty_list_in_the_config_file_leaves_no_entries()
    {
        using var temp = new TempDirectory();

        var config = Build(temp, TwoUpgrades, """{ "Upgrades": [], "Calendar": { "Holidays": [] } }""");

        Assert.Empty(config.Get<ScheduleOptions>()!.Upgrades);
        Assert.Equal("Europe/London", config["Calendar:TimeZone"]);
        Assert.DoesNotContain(config.GetSection("Calendar:Holidays").GetChildren(), c => c.Value is not null);
    }

    [Fact]
    public void Switches_win_over_both_files()
    {
        using var temp = new TempDirectory();

        var config = Build(temp, TwoUpgrades, """{ "Calendar": { "TimeZone": "Asia/Tokyo" } }""", "--Calendar:TimeZone=America/Chicago");

        Assert.Equal("America/Chicago", config["Calendar:TimeZone"]);
    }

    [Fact]
    public void A_missing_or_broken_config_file_is_reported_by_name()
    {
        using var temp = new TempDirectory();

        var missing = Assert.Throws<ConfigurationFileException>(
            () => ConfigurationLayers.Apply(new ConfigurationBuilder(), temp.Path, "Production", temp.File("nope.json"), []));
        var broken = Assert.Throws<ConfigurationFileException>(() => Build(temp, "{}", "{ not json"));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("overlay.json", broken.Message, StringComparison.Ordinal);
    }
}
