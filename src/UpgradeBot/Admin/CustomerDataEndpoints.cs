using System.Text.RegularExpressions;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Retention;
using UpgradeBot.Slack;
using UpgradeBot.Teams;

namespace UpgradeBot.Admin;

/// <summary>
/// <c>/api/admin/customers/{platform}/{id}/data</c>: everything stored about one customer (a Teams
/// tenant, a Slack workspace or organization), tokens left out; and erasing it now. Both are logged
/// with the admin key that asked (<see cref="AdminCaller"/>).
/// </summary>
public static partial class CustomerDataEndpoints
{
    private const string Route = "/customers/{platform}/{id}/data";

    private static readonly string[] Platforms = [TeamsPlatform.Name, SlackPlatform.Name];

    public static RouteGroupBuilder MapCustomerDataAdmin(this RouteGroupBuilder admin)
    {
        admin.MapGet(Route, Export);
        admin.MapDelete(Route, Erase);
        return admin;
    }

    private static async Task<IResult> Export(
        string platform, string id, ICustomerDataStore store, ILoggerFactory logs, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (Check(platform, id) is { } problem)
        {
            return problem;
        }

        var customer = Customer(platform, id);
        LogExported(Log(logs), customer.Platform, customer.Id, AdminCaller.Of(http).KeyId);
        var data = await store.ExportAsync(customer, cancellationToken).ConfigureAwait(false);
        return Results.Ok(new { customer.Platform, customer.Id, ExportedAt = time.GetUtcNow(), data.Tables });
    }

    /// <summary>Batch by batch, each a short transaction, until a batch finds less than it may take: then nothing is left.</summary>
    private static async Task<IResult> Erase(
        string platform, string id, ICustomerDataStore store, ILoggerFactory logs, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (Check(platform, id) is { } problem)
        {
            return problem;
        }

        var customer = Customer(platform, id);
        var caller = AdminCaller.Of(http);
        var log = Log(logs);
        LogEraseRequested(log, customer.Platform, customer.Id, caller.KeyId);
        var erased = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int batch;
        do
        {
            var rows = await store.EraseBatchAsync(customer, removedBefore: null, RetentionStep.BatchSize, cancellationToken).ConfigureAwait(false);
            foreach (var (table, count) in rows)
            {
                erased[table] = erased.GetValueOrDefault(table) + count;
            }

            batch = rows.Values.Sum();
        }
        while (batch == RetentionStep.BatchSize);

        var total = erased.Values.Sum();
        LogErased(log, customer.Platform, customer.Id, caller.KeyId, total);
        return Results.Ok(new { customer.Platform, customer.Id, ErasedAt = time.GetUtcNow(), Rows = erased, Total = total });
    }

    private static IResult? Check(string platform, string id)
    {
        if (!Platforms.Contains(platform, StringComparer.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: 404, title: "Unknown platform", detail: $"The platform must be one of {string.Join(", ", Platforms)}.");
        }

        return CustomerId().IsMatch(id)
            ? null
            : Results.Problem(
                statusCode: 400,
                title: "Not a customer id",
                detail: "The id is a Teams tenant id or a Slack workspace (T…) or organization (E…) id: up to 255 letters, digits, '.', '_', ':' or '-'.");
    }

    private static CustomerKey Customer(string platform, string id) => new(platform.ToLowerInvariant(), id);

    private static ILogger Log(ILoggerFactory logs) => logs.CreateLogger(typeof(CustomerDataEndpoints).FullName!);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$", RegexOptions.CultureInvariant)]
    private static partial Regex CustomerId();

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported the data of {Platform} customer {CustomerId} for admin key {KeyId}")]
    private static partial void LogExported(ILogger logger, string platform, string customerId, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasing the data of {Platform} customer {CustomerId}, asked by admin key {KeyId}")]
    private static partial void LogEraseRequested(ILogger logger, string platform, string customerId, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erased the data of {Platform} customer {CustomerId}, asked by admin key {KeyId}: {Rows} rows")]
    private static partial void LogErased(ILogger logger, string platform, string customerId, string keyId, int rows);
}
