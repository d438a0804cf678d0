namespace UpgradeBot.Core.Configuration;

/// <summary><c>Storage</c>: the database.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Provider { get; set; } = "Sqlite";

    /// <summary>A relative SQLite file path is resolved against the directory of the binaries.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/upgradebot.db";
}
