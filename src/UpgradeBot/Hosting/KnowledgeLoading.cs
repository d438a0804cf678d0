using UpgradeBot.Core.Configuration;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Hosting;

public sealed record LoadedKnowledge(KnowledgeBase Knowledge, IQuestionMatcher Matcher);

internal static class KnowledgeLoading
{
    public const string ShippedFile = "knowledge.json";

    /// <summary><c>Knowledge:Path</c> if set (relative to the working directory), else the file shipped beside the binaries.</summary>
    public static LoadedKnowledge Load(KnowledgeOptions options)
    {
        var path = string.IsNullOrWhiteSpace(options.Path)
            ? Path.Combine(AppContext.BaseDirectory, ShippedFile)
            : Path.GetFullPath(options.Path);
        var file = KnowledgeFile.Load(path);
        return new LoadedKnowledge(file.Knowledge, file.Matcher);
    }
}
