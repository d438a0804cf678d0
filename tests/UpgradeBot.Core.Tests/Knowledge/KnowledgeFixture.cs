using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Core.Tests.Knowledge;

/// <summary>The shipped knowledge file, loaded once: it is immutable, so tests can share it.</summary>
internal static class KnowledgeFixture
{
    private static readonly Lazy<KnowledgeFile> Loaded = new(KnowledgeFile.LoadShipped);

    public static KnowledgeFile Shipped => Loaded.Value;
}
