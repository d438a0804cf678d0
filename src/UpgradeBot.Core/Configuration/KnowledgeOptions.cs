namespace UpgradeBot.Core.Configuration;

/// <summary><c>Knowledge</c>: where the knowledge file is; empty means the one shipped next to the binaries.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    public string? Path { get; set; }
}
