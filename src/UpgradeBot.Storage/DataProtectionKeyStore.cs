using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace UpgradeBot.Storage;

/// <summary>
/// The Data Protection key ring in the database, so every instance sharing it encrypts and decrypts
/// with the same keys. Data Protection calls it rarely (at start, when a key is made, about once a
/// day to look for new keys) and synchronously, hence the blocking calls.
/// </summary>
public sealed class DataProtectionKeyStore(StoreDatabase database, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. database.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name;", null, CancellationToken.None)
            .GetAwaiter().GetResult()
            .Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName) =>
        database.ExecuteAsync("""
            INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @CreatedAt)
            ON CONFLICT (name) DO UPDATE SET xml = excluded.xml;
            """,
            new
            {
                Name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName,
                Xml = element.ToString(SaveOptions.DisableFormatting),
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            },
            CancellationToken.None).GetAwaiter().GetResult();
}
