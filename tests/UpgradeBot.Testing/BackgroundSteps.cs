using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Background;

namespace UpgradeBot.Testing;

/// <summary>A host's background step run by the test, on the host's clock, as the background loop would run it when due.</summary>
public static class BackgroundSteps
{
    /// <summary>Runs the step named <paramref name="name"/> until it reports nothing more to do now.</summary>
    public static async Task RunUntilDoneAsync(IServiceProvider services, string name)
    {
        var step = services.GetServices<IBackgroundStep>().Single(s => s.Name == name);
        while (await step.RunOnceAsync(TestContext.Current.CancellationToken))
        {
        }
    }
}
