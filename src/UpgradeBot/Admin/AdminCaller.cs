namespace UpgradeBot.Admin;

/// <summary>
/// Who called the admin API, for the log: the first 8 hex digits of the SHA-256 of the key they
/// used. It tells keys apart without revealing any (<c>printf %s KEY | sha256sum | cut -c1-8</c>).
/// </summary>
public sealed record AdminCaller(string KeyId)
{
    private static readonly object ItemKey = typeof(AdminCaller);

    public static AdminCaller FromHash(byte[] keyHash) => new(Convert.ToHexStringLower(keyHash, 0, 4));

    /// <summary>Set by <see cref="AdminApiKeyFilter"/> on every request it lets through.</summary>
    public static AdminCaller Of(HttpContext http) =>
        http.Items[ItemKey] as AdminCaller ?? throw new InvalidOperationException("The admin API key filter did not run for this request.");

    public void Attach(HttpContext http) => http.Items[ItemKey] = this;
}
