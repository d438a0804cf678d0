namespace UpgradeBot.Core.Configuration;

/// <summary><c>Admin</c>: keys for the admin API; none configured means the admin API is off.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public List<string> ApiKeys { get; set; } = [];
}
