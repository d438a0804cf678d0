using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UpgradeBot.Core.Schedule;

namespace UpgradeBot.Storage.Postgres;

/// <summary>
/// Listens on one dedicated connection for the notification <c>upgrade_windows</c>' trigger sends
/// when a writing transaction commits, from whichever instance. Starts on first use; reconnects
/// after a failure, and counts a change on every (re)connect, since one may have been missed while
/// nobody listened.
/// </summary>
public sealed partial class PostgresWindowChangeFeed(PostgresDatabase database, TimeProvider time, ILogger<PostgresWindowChangeFeed>? logger = null)
    : IUpgradeWindowChangeFeed, IAsyncDisposable
{
    /// <summary>Between reconnect attempts; answers read the windows again every second meanwhile.</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = logger ?? NullLogger<PostgresWindowChangeFeed>.Instance;
    private readonly Lock _startLock = new();
    private Task? _listening;
    private long _version;
    private volatile bool _live;

    public long Version
    {
        get
        {
            EnsureListening();
            return Interlocked.Read(ref _version);
        }
    }

    public bool IsLive
    {
        get
        {
            EnsureListening();
            return _live;
        }
    }

    private void EnsureListening()
    {
        if (Volatile.Read(ref _listening) is not null)
        {
            return;
        }

        lock (_startLock)
        {
            _listening ??= Task.Run(() => ListenAsync(_stopping.Token));
        }
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenListenerAsync(stopping);
                connection.Notification += (_, _) => Interlocked.Increment(ref _version);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresMigrations.WindowsChannel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping);
                }

                Interlocked.Increment(ref _version);
                _live = true;
                while (true)
                {
                    await connection.WaitAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogListenFailed(e, ReconnectDelay);
            }
            finally
            {
                _live = false;
            }

            try
            {
                await Task.Delay(ReconnectDelay, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_listening is { } listening)
        {
            await listening;
        }

        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for upgrade window changes failed; reconnecting in {Delay}, answers re-read the windows every second meanwhile")]
    private partial void LogListenFailed(Exception exception, TimeSpan delay);
}
