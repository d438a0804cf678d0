namespace UpgradeBot.Hosting;

/// <summary>Turns the failures an operator can fix (configuration, knowledge file, arguments) into one readable message.</summary>
public static class StartupFailure
{
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException e => "Configuration is not valid:\n  " + string.Join("\n  ", e.Failures),
        ConfigurationFileException or UsageException or Core.Knowledge.KnowledgeFileException => exception.Message,
        InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)
            => "Configuration is not valid: " + e.Message,
        AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerExceptions[0]),
        _ => null,
    };
}
