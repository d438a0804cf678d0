using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace UpgradeBot.Slack.Verification;

/// <summary>
/// Slack's request signing (<c>X-Slack-Signature: v0=hex(HMAC-SHA256(secret, "v0:{ts}:{body}"))</c>),
/// checked the way bolt-js does: fail closed without a secret, refuse timestamps more than five
/// minutes from now (replays), compare in constant time.
/// </summary>
public static class SlackSignature
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);
    private const string Version = "v0";

    public static SignatureCheck Verify(string? secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return SignatureCheck.NoSecret;
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.BadTimestamp;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxSkew)
        {
            return SignatureCheck.StaleTimestamp;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value for a body sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"{Version}:{timestamp}:"));
        hmac.AppendData(body);
        return $"{Version}={Convert.ToHexStringLower(hmac.GetHashAndReset())}";
    }
}
