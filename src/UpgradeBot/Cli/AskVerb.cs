using System.Globalization;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Deployments;

namespace UpgradeBot.Cli;

/// <summary><c>ask "QUESTION" [--at INSTANT] [--deployment public|hybrid|unknown]</c>: one JSON object on stdout.</summary>
internal sealed class AskVerb : IVerb
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services)
    {
        if (arguments.Positional.Count != 1 || string.IsNullOrWhiteSpace(arguments.Positional[0]))
        {
            throw new UsageException("Usage: ask \"QUESTION\" [--at 2027-03-27T02:00:00Z] [--deployment public|hybrid|unknown] [--config FILE]");
        }

        var at = arguments.Option("at") is { } text
            ? ParseInstant(text, "--at")
            : services.GetRequiredService<TimeProvider>().GetUtcNow();
        var deployment = arguments.Option("deployment") is { } name ? ParseDeployment(name) : (DeploymentType?)null;
        var inquiry = new Inquiry(arguments.Positional[0], at, CommandLineAsker, deployment);
        var reply = await services.GetRequiredService<IAnswerService>().AnswerAsync(inquiry).ConfigureAwait(false);

        var output = new
        {
            topic = reply.Topic,
            verdict = reply.Verdict.ToWire(),
            escalationOffered = reply.EscalationOffered,
            upgrade = reply.Upgrade is { } u ? new { id = u.Id, title = u.Title, status = u.Status.ToWire() } : null,
            graceDeadline = reply.GraceDeadline is { } d ? IsoUtc(d) : null,
            text = ReplyText.Render(reply),
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(output, Json));
        return 0;
    }

    internal static Asker CommandLineAsker { get; } = new("cli", string.Empty, "cli", "command line", "cli");

    internal static DateTimeOffset ParseInstant(string text, string what) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind | DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new UsageException($"{what} '{text}' is not an ISO 8601 instant (for example 2027-03-27T02:00:00Z).");

    internal static DeploymentType ParseDeployment(string text) =>
        DeploymentTypeNames.TryParse(text, out var type)
            ? type
            : throw new UsageException($"Deployment '{text}' is not one of public, hybrid, unknown.");

    internal static string IsoUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
