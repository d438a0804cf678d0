namespace UpgradeBot.Hosting;

/// <summary>A command line that cannot be run; the message says how to fix it.</summary>
public sealed class UsageException(string message) : Exception(message);
