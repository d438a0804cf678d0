namespace UpgradeBot.Core.Storage;

/// <summary>Schema creation and liveness of whichever database the store runs on.</summary>
public interface IStoreLifecycle
{
    /// <summary>Creates the schema or migrates it to the current version; safe to call on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the database answers a trivial query.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
