namespace UpgradeBot.Core.Schedule;

/// <summary>Tells a cache of the upgrade windows that they may have changed, also when another process changed them.</summary>
public interface IUpgradeWindowChangeFeed
{
    /// <summary>
    /// Moves on whenever the stored windows may have changed (and when the feed may have missed a
    /// change, e.g. on reconnecting). A copy read while it had the same value is still current.
    /// </summary>
    long Version { get; }

    /// <summary>False while changes may go unreported (not connected yet, or reconnecting): a cache must then not trust its copy for long.</summary>
    bool IsLive { get; }
}
