namespace UpgradeBot.Hosting;

/// <summary>A configuration file that cannot be used; the message is meant for the operator.</summary>
public sealed class ConfigurationFileException(string message) : Exception(message);
