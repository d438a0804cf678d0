namespace UpgradeBot.Storage;

/// <summary>One forward-only schema step; <see cref="Version"/> is what <c>schema_migrations</c> records.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
