using System.Security.Cryptography;

namespace UpgradeBot.Hosting;

/// <summary>This process among the instances of a fleet: its id in logs, metrics and <c>/healthz</c>.</summary>
public sealed record ServiceInstance(string Id)
{
    public const string IdKey = "Instance:Id";

    /// <summary><c>Instance:Id</c>, or when empty the machine name and a random suffix, new at every start.</summary>
    public static ServiceInstance From(IConfiguration configuration) => new(
        configuration[IdKey] is { Length: > 0 } id
            ? id
            : $"{Environment.MachineName.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
}
