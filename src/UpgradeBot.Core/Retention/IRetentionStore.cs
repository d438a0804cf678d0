namespace UpgradeBot.Core.Retention;

/// <summary>Deletes what the retention rules let go, a bounded batch at a time.</summary>
public interface IRetentionStore
{
    /// <summary>
    /// Deletes, for each rule, at most <paramref name="batchSize"/> rows that <paramref name="cutoffs"/>
    /// let go, each rule in a short transaction of its own, so no other writer waits long. Several
    /// processes may run it at once: each deletes rows the others did not, and a row already gone is
    /// simply not counted.
    /// </summary>
    Task<PrunedRows> PruneAsync(RetentionCutoffs cutoffs, int batchSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives space that deletions freed back to the file system, a bounded amount at a time; true
    /// when more is left. Nothing to do (false) where the database reuses and returns space itself.
    /// </summary>
    Task<bool> CompactAsync(CancellationToken cancellationToken = default);
}
