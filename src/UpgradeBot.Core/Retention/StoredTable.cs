namespace UpgradeBot.Core.Retention;

/// <summary>
/// The rows of one table that are about one customer, column by column as stored (times as
/// instants), without the columns in <see cref="Omitted"/> (secrets, such as tokens).
/// </summary>
public sealed record StoredTable(string Name, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows, IReadOnlyList<string> Omitted);
