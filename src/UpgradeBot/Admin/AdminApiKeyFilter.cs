using System.Security.Cryptography;
using System.Text;

namespace UpgradeBot.Admin;

/// <summary>
/// Guards the admin API with <c>Authorization: Bearer KEY</c> against <c>Admin:ApiKeys</c>. With no
/// key configured the API does not exist (404) rather than being open. A request let through
/// carries its <see cref="AdminCaller"/>, so what it does can be logged with who asked.
/// </summary>
public sealed class AdminApiKeyFilter(IOptions<AdminOptions> options) : IEndpointFilter
{
    private readonly byte[][] _keys = [.. options.Value.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => SHA256.HashData(Encoding.UTF8.GetBytes(k)))];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_keys.Length == 0)
        {
            return Results.NotFound();
        }

        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        var presented = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()))
            : null;
        if (presented is null || !Matches(presented))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "An admin API key is required", detail: "Send Authorization: Bearer <key> with a key from Admin:ApiKeys.");
        }

        AdminCaller.FromHash(presented).Attach(context.HttpContext);
        return await next(context).ConfigureAwait(false);
    }

    /// <summary>Compares hashes in constant time so the response time does not leak how much of a key was right.</summary>
    private bool Matches(byte[] presented)
    {
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key);
        }

        return match;
    }
}
