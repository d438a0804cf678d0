using System.Text.Json.Nodes;
using UpgradeBot.Core.Deployments;
using UpgradeBot.Core.Knowledge;

namespace UpgradeBot.Core.Tests.Knowledge;

public sealed class KnowledgeFileTests
{
    private const string Source = "test-knowledge.json";

    /// <summary>The smallest file the loader accepts; each error test breaks one thing in it.</summary>
    private const string Minimal = """
        {
          "lexicon": {
            "stopwords": ["the", "is"],
            "synonyms": { "graph": ["chart", "trend line"], "wrong": ["odd", "made up"] },
            "spellings": { "colour": "color" }
          },
          "topics": [
            {
              "id": "usage-graphs",
              "kind": "symptom",
              "title": "Usage graphs",
              "affects": ["PublicCloud", "HybridCloud"],
              "explanation": "They can lag during an upgrade.",
              "steps": ["Open Devices."],
              "hybridNote": null,
              "examples": ["the usage chart is odd"],
              "match": {
                "keywords": { "graph": 2, "usage": 2, "wrong": 1 },
                "require": [["graph"]],
                "exclude": ["export"],
                "minScore": 3
              }
            }
          ],
          "reassurance": { "keywords": { "fine": 1 }, "require": [["fine"]], "minScore": 1 },
          "declines": [
            {
              "id": "how-to",
              "examples": ["how do I export the usage chart"],
              "match": { "keywords": { "export": 1 }, "require": [["export"]], "exclude": ["wrong"], "minScore": 1 }
            }
          ]
        }
        """;

    [Fact]
    public void Minimal_file_loads_topics_and_a_working_matcher()
    {
        var file = KnowledgeFile.Parse(Minimal, Source);

        var topic = Assert.Single(file.Knowledge.Topics);
        Assert.Equal(TopicKind.Symptom, topic.Kind);
        Assert.Equal([DeploymentType.PublicCloud, DeploymentType.HybridCloud], topic.Affects.Order());
        Assert.Equal("usage-graphs", file.Matcher.Match("the usage trend lines look made up").TopicId);
        Assert.Equal("how-to", Assert.Single(file.Declines).Id);
        Assert.Equal(new TopicMatch(null, 1, "how-to"), file.Matcher.Match("how do I export the usage chart"));
    }

    [Fact]
    public void Declines_and_reassurance_are_optional_so_older_files_still_load()
    {
        var root = JsonNode.Parse(Minimal)!.AsObject();
        root.Remove("declines");
        root.Remove("reassurance");

        var file = KnowledgeFile.Parse(root.ToJsonString(), Source);

        Assert.Empty(file.Declines);
        Assert.Equal(new TopicMatch(null, 0), file.Matcher.Match("how do I export the usage chart"));
    }

    [Theory]
    [InlineData(0.0, "usage-graphs")]
    [InlineData(1.0, "none")]
    public void A_second_topic_within_the_close_call_margin_makes_the_question_out_of_scope(double closeCall, string expected)
    {
        var root = JsonNode.Parse(Minimal)!;
        var rival = root["topics"]![0]!.DeepClone();
        rival["id"] = "odd-graphs";
        rival["match"]!["keywords"] = JsonNode.Parse("""{ "graph": 2, "wrong": 2 }""");
        root["topics"]!.AsArray().Add(rival);
        root["closeCall"] = closeCall;

        var match = KnowledgeFile.Parse(root.ToJsonString(), Source).Matcher.Match("the usage chart is odd");

        Assert.Equal(expected, match.TopicId);
    }

    [Fact]
    public void A_typo_is_corrected_only_towards_a_topic_word_never_into_a_decline()
    {
        // "exporter" is two letters from the decline's "export", but a correctly spelt word the file
        // lacks must not start declining questions: only topic words are correction targets.
        var file = KnowledgeFile.Parse(Minimal, Source);

        Assert.Equal("usage-graphs", file.Matcher.Match("the usage chart of our exporter looks odd").TopicId);
        Assert.Equal("usage-graphs", file.Matcher.Match("the usage chrat looks odd").TopicId);
    }

    [Fact]
    public void Shipped_file_loads_from_next_to_the_binaries()
    {
        var file = KnowledgeFile.LoadShipped();

        Assert.Equal(
            ["usage-destination-graphs", "org-user-statistics", "destination-offline-alert", "licensing-graphs", "upgrade-status", "escalate", "help"],
            file.Knowledge.Topics.Select(t => t.Id));
    }

    [Theory]
    [InlineData("$.topics[0].kind", "\"symtom\"", "unknown kind \"symtom\"")]
    [InlineData("$.topics[0].explanation", "\"\"", "must be a non-empty string")]
    [InlineData("$.topics[0].affects", "[\"PublicCloud\", \"Moon\"]", "unknown deployment \"Moon\"")]
    [InlineData("$.topics[0].id", "\"none\"", "is not a usable id")]
    [InlineData("$.topics[0].match.keywords", "{ \"graph\": -1 }", "a weight must be a positive number")]
    [InlineData("$.topics[0].match.keywords", "{ \"the\": 1 }", "is a stopword")]
    [InlineData("$.topics[0].match.require", "[[]]", "an empty group can never be satisfied")]
    [InlineData("$.topics[0].match.exclude", "[\"chart\"]", "both a keyword and an exclusion")]
    [InlineData("$.topics[0].match.minScore", "0", "must be a positive number")]
    [InlineData("$.lexicon.synonyms.wrong", "[\"chart\"]", "already given a meaning by $.lexicon.synonyms.graph")]
    [InlineData("$.lexicon.stopwords", "[\"not yet\"]", "a stopword must be one word")]
    [InlineData("$.lexicon.clauseBreaks", "[\"even so\"]", "a clause break must be one word")]
    [InlineData("$.lexicon.sentenceStarts", "{ \"can you\": \"graph\" }", "a sentence start must be one word")]
    [InlineData("$.declines[0].id", "\"usage-graphs\"", "\"usage-graphs\" is already the id of a topic or decline")]
    [InlineData("$.declines[0].match.require", "[[]]", "an empty group can never be satisfied")]
    [InlineData("$.reassurance.minScore", "0", "must be a positive number")]
    [InlineData("$.closeCall", "-1", "must be a number, 0 or more")]
    public void Bad_content_is_reported_with_file_path_and_problem(string path, string replacement, string problem)
    {
        var error = Assert.Throws<KnowledgeFileException>(() => KnowledgeFile.Parse(Replace(path, replacement), Source));

        Assert.StartsWith($"{Source}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_explanation_names_its_path()
    {
        var root = JsonNode.Parse(Minimal)!;
        root["topics"]![0]!.AsObject().Remove("explanation");

        var error = Assert.Throws<KnowledgeFileException>(() => KnowledgeFile.Parse(root.ToJsonString(), Source));

        Assert.Equal($"{Source}: $.topics[0].explanation: is missing", error.Message);
    }

    [Fact]
    public void Duplicate_topic_id_is_reported_at_the_second_topic()
    {
        var root = JsonNode.Parse(Minimal)!;
        root["topics"]!.AsArray().Add(root["topics"]![0]!.DeepClone());

        var error = Assert.Throws<KnowledgeFileException>(() => KnowledgeFile.Parse(root.ToJsonString(), Source));

        Assert.Equal($"{Source}: $.topics[1].id: duplicate topic id \"usage-graphs\"", error.Message);
    }

    [Fact]
    public void Invalid_json_reports_the_line()
    {
        var error = Assert.Throws<KnowledgeFileException>(() => KnowledgeFile.Parse("{\n  \"topics\": [,\n}", Source));

        Assert.Contains($"{Source}: not valid JSON (line 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-knowledge-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<KnowledgeFileException>(() => KnowledgeFile.Load(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted_because_operators_edit_by_hand()
    {
        var json = "// operators' notes\n" + Minimal.Replace("\"minScore\": 3", "\"minScore\": 3, // tuned\n", StringComparison.Ordinal);

        Assert.Single(KnowledgeFile.Parse(json, Source).Knowledge.Topics);
    }

    /// <summary>Replaces the value at a simple JSON path ($.a.b[0].c) in the minimal file.</summary>
    private static string Replace(string path, string json)
    {
        var root = JsonNode.Parse(Minimal)!;
        var segments = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            parent = Child(parent, segments[i]);
        }

        var value = JsonNode.Parse(json);
        var last = segments[^1];
        if (last.StartsWith('['))
        {
            parent.AsArray()[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }
        else
        {
            parent.AsObject()[last] = value;
        }

        return root.ToJsonString();
    }

    private static JsonNode Child(JsonNode node, string segment) =>
        segment.StartsWith('[')
            ? node.AsArray()[int.Parse(segment[1..^1], System.Globalization.CultureInfo.InvariantCulture)]!
            : node.AsObject()[segment]!;
}
