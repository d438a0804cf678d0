using System.Text.Json.Nodes;
using UpgradeBot.Core.Answers;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Cli;

/// <summary>
/// <c>eval FILE</c>: runs a labeled question set against the configured knowledge base, with the
/// file's own calendar and upgrades, and reports every mismatch (with the decline that turned a
/// question away, if one did), then a confusion table of expected against answered topics.
/// </summary>
internal sealed class EvalVerb : IVerb
{
    private JsonNode? _set;

    public JsonElement? Overlay(VerbArguments arguments)
    {
        var set = Read(arguments);
        var overlay = new JsonObject();
        if (set["calendar"] is { } calendar)
        {
            overlay["Calendar"] = calendar.DeepClone();
        }

        overlay["Upgrades"] = set["upgrades"]?.DeepClone() ?? new JsonArray();
        return JsonSerializer.SerializeToElement(overlay);
    }

    public async Task<int> RunAsync(VerbArguments arguments, IServiceProvider services)
    {
        var set = Read(arguments);
        var answers = services.GetRequiredService<IAnswerService>();
        var matcher = services.GetRequiredService<IQuestionMatcher>();
        var confusion = new ConfusionTable(services.GetRequiredService<KnowledgeBase>().Topics.Select(t => t.Id).Append(Topic.NoneId));
        var cases = set["cases"] as JsonArray ?? throw new UsageException($"{arguments.Positional[0]} has no 'cases' list.");
        int passed = 0, failed = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var item = cases[i] ?? throw new UsageException($"cases[{i}] is empty.");
            var question = Text(item, "question", i);
            var at = AskVerb.ParseInstant(Text(item, "at", i), $"cases[{i}].at");
            var deployment = AskVerb.ParseDeployment(item["deployment"]?.GetValue<string>() ?? "unknown");
            var expect = item["expect"] ?? throw new UsageException($"cases[{i}] has no 'expect'.");
            var expected = (Topic: Text(expect, "topic", i), Verdict: Text(expect, "verdict", i), Escalation: expect["escalationOffered"]?.GetValue<bool>() ?? false);

            var reply = await answers.AnswerAsync(new Inquiry(question, at, AskVerb.CommandLineAsker, deployment)).ConfigureAwait(false);
            var got = (Topic: reply.Topic, Verdict: reply.Verdict.ToWire(), Escalation: reply.EscalationOffered);
            confusion.Add(expected.Topic, got.Topic);
            if (got == expected)
            {
                passed++;
                continue;
            }

            failed++;
            Console.Out.WriteLine($"MISMATCH cases[{i}] \"{question}\" at {AskVerb.IsoUtc(at)} ({deployment})");
            Console.Out.WriteLine($"  expected: topic={expected.Topic} verdict={expected.Verdict} escalationOffered={expected.Escalation}");
            var declined = matcher.Match(question).Decline is { } decline ? $" (declined as {decline})" : string.Empty;
            Console.Out.WriteLine($"  got:      topic={got.Topic} verdict={got.Verdict} escalationOffered={got.Escalation}{declined}");
        }

        Console.Out.Write(confusion.Render());
        Console.Out.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The labeled set, read once: its schedule feeds the configuration before its cases run.</summary>
    private JsonNode Read(VerbArguments arguments) => _set ??= Parse(arguments);

    private static JsonNode Parse(VerbArguments arguments)
    {
        if (arguments.Positional.Count != 1)
        {
            throw new UsageException("Usage: eval FILE [--config FILE]");
        }

        var file = arguments.Positional[0];
        if (!File.Exists(file))
        {
            throw new UsageException($"Question set '{file}' does not exist.");
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(file)) ?? throw new UsageException($"Question set '{file}' is empty.");
        }
        catch (JsonException e)
        {
            throw new UsageException($"Question set '{file}' is not valid JSON: {e.Message}");
        }
    }

    private static string Text(JsonNode node, string name, int index) =>
        node[name]?.GetValue<string>() is { Length: > 0 } value
            ? value
            : throw new UsageException($"cases[{index}] has no '{name}'.");
}
