namespace UpgradeBot.Core.Knowledge;

/// <summary>The knowledge file is unusable; the message names the file, the JSON path and the problem.</summary>
public sealed class KnowledgeFileException : Exception
{
    public KnowledgeFileException(string message)
        : base(message)
    {
    }

    public KnowledgeFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
