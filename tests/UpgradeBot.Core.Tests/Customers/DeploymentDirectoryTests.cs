using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Customers;
using UpgradeBot.Core.Deployments;

namespace UpgradeBot.Core.Tests.Customers;

public sealed class DeploymentDirectoryTests
{
    private static readonly Asker InWorkspace = new("slack", "T1", "U1", "Ada", "C1");

    private static async Task<DeploymentDirectory> DirectoryAsync(DeploymentType? chosen, Dictionary<string, DeploymentType>? configured = null, DeploymentType fallback = DeploymentType.HybridCloud)
    {
        var store = new InMemoryCustomerStore();
        if (chosen is { } type)
        {
            await store.SaveAsync(new CustomerKey("slack", "E1"), new CustomerChange(DateTimeOffset.UnixEpoch, "U1", "Ada", new CustomerSettings(type, null, null)));
        }

        return new DeploymentDirectory(fallback, configured ?? [], store);
    }

    [Fact]
    public async Task What_the_customer_chose_applies_to_every_workspace_of_the_customer()
    {
        var directory = await DirectoryAsync(DeploymentType.PublicCloud);

        Assert.Equal(DeploymentType.PublicCloud, await directory.ForAsync(InWorkspace with { CustomerId = "E1" }));
        Assert.Equal(DeploymentType.HybridCloud, await directory.ForAsync(InWorkspace));
    }

    [Theory]
    [InlineData("T1")]
    [InlineData("E1")]
    public async Task The_operators_setting_for_the_workspace_or_the_customer_wins(string configuredId)
    {
        var directory = await DirectoryAsync(DeploymentType.PublicCloud, new() { [configuredId] = DeploymentType.HybridCloud }, DeploymentType.Unknown);

        Assert.Equal(DeploymentType.HybridCloud, await directory.ForAsync(InWorkspace with { CustomerId = "E1" }));
        Assert.Equal(DeploymentSource.Configuration, directory.Resolve("T1", new CustomerKey("slack", "E1"), null).Source);
    }

    [Fact]
    public async Task Not_sure_leaves_it_to_the_default()
    {
        var directory = await DirectoryAsync(DeploymentType.Unknown);

        Assert.Equal(DeploymentType.HybridCloud, await directory.ForAsync(InWorkspace with { CustomerId = "E1" }));
        Assert.Equal(
            (DeploymentType.HybridCloud, DeploymentSource.Default),
            directory.Resolve("T1", new CustomerKey("slack", "E1"), CustomerSettings.NotSetUp));
    }
}
