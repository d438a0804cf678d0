namespace UpgradeBot.Core.Inbound;

/// <summary>
/// Reads a body up to a limit, so one request or answer can never cost more memory than that. The
/// endpoints of every platform and the admin API read through it, and so does the upgrade feed's client.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>; stops reading there.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long? contentLength, int maxBytes, CancellationToken cancellationToken)
    {
        if (contentLength > maxBytes)
        {
            return null;
        }

        if (contentLength is { } length)
        {
            // A body that states its length (Slack, Teams, curl, a feed server) is held to it by Kestrel
            // or HttpClient: read straight into a buffer of that size, one copy.
            var exact = new byte[length];
            await body.ReadExactlyAsync(exact, cancellationToken).ConfigureAwait(false);
            return exact;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
