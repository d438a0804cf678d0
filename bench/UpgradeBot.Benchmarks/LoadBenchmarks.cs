using BenchmarkDotNet.Attributes;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Benchmarks;

/// <summary>Reading and indexing the shipped knowledge file, as the host does once at start. Target: under 1 s.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    [Benchmark]
    public KnowledgeFile LoadShipped() => KnowledgeFile.LoadShipped();
}
