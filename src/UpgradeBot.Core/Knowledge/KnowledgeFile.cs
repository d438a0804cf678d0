using System.Text.Json;

namespace UpgradeBot.Core.Knowledge;

/// <summary>
/// The knowledge file: the topics with their user-facing text, the declines (questions the bot
/// turns away although they use a topic's words), and the data the matcher uses to recognise
/// both (a shared lexicon, and per topic or decline weighted keywords, required groups and
/// exclusions). Adding a symptom means editing this file only. Every mistake in it is
/// reported with the file and the JSON path, because operators edit it by hand.
/// </summary>
public sealed class KnowledgeFile
{
    /// <summary>The name the build copies the shipped file to, next to the binaries.</summary>
    public const string FileName = "knowledge.json";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private KnowledgeFile(KnowledgeBase knowledge, IReadOnlyList<Decline> declines, QuestionMatcher matcher)
    {
        Knowledge = knowledge;
        Declines = declines;
        Matcher = matcher;
    }

    public KnowledgeBase Knowledge { get; }

    public IReadOnlyList<Decline> Declines { get; }

    public QuestionMatcher Matcher { get; }

    /// <summary>The shipped file, from the application's base directory.</summary>
    public static KnowledgeFile LoadShipped() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    public static KnowledgeFile Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KnowledgeFileException($"{path}: cannot read the knowledge file: {e.Message}", e);
        }

        return Parse(json, path);
    }

    /// <param name="source">Names the content in error messages (usually the file path).</param>
    public static KnowledgeFile Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new KnowledgeFileException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }

        using (document)
        {
            return new KnowledgeFileReader(source).Read(document.RootElement);
        }
    }

    /// <summary>Reads one document; keeps the source name so each error can say where it is.</summary>
    private sealed class KnowledgeFileReader(string source)
    {
        private static readonly Dictionary<string, TopicKind> Kinds = new(StringComparer.Ordinal)
        {
            ["symptom"] = TopicKind.Symptom,
            ["unaffected"] = TopicKind.Unaffected,
            ["status"] = TopicKind.Status,
            ["escalate"] = TopicKind.Escalate,
            ["help"] = TopicKind.Help,
        };

        private readonly Lexicon.Builder _lexicon = new();

        public KnowledgeFile Read(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "$", "an object with \"lexicon\" and \"topics\"");
            ReadLexicon(Required(root, "lexicon", "$"), "$.lexicon");

            var topicsPath = "$.topics";
            var topicsElement = Required(root, "topics", "$");
            Expect(topicsElement, JsonValueKind.Array, topicsPath, "an array of topics");
            if (topicsElement.GetArrayLength() == 0)
            {
                throw Error(topicsPath, "there are no topics");
            }

            var topics = new List<Topic>();
            var topicSpecs = new List<MatchSpec>();
            var index = 0;
            foreach (var element in topicsElement.EnumerateArray())
            {
                var path = $"{topicsPath}[{index++}]";
                var topic = ReadTopic(element, path);
                if (topics.Exists(t => t.Id == topic.Id))
                {
                    throw Error($"{path}.id", $"duplicate topic id \"{topic.Id}\"");
                }

                topics.Add(topic);
                topicSpecs.Add(ReadMatch(Required(element, "match", path), $"{path}.match"));
            }

            var declines = new List<Decline>();
            var declineSpecs = new List<MatchSpec>();
            var declinesPath = "$.declines";
            index = 0;
            foreach (var element in OptionalArray(root, "declines", "$", "an array of declines"))
            {
                var path = $"{declinesPath}[{index++}]";
                Expect(element, JsonValueKind.Object, path, "a decline object");
                var id = ReadingId(element, path);
                if (topics.Exists(t => t.Id == id) || declines.Exists(d => d.Id == id))
                {
                    throw Error($"{path}.id", $"\"{id}\" is already the id of a topic or decline");
                }

                declines.Add(new Decline(id, OptionalStrings(element, "examples", path)));
                declineSpecs.Add(ReadMatch(Required(element, "match", path), $"{path}.match"));
            }

            MatchSpec? reassurance = root.TryGetProperty("reassurance", out var reassuranceElement) && reassuranceElement.ValueKind != JsonValueKind.Null
                ? ReadMatch(reassuranceElement, "$.reassurance")
                : null;
            var closeCall = 0.0;
            if (root.TryGetProperty("closeCall", out var closeCallElement) && closeCallElement.ValueKind != JsonValueKind.Null)
            {
                closeCall = closeCallElement.ValueKind == JsonValueKind.Number && closeCallElement.GetDouble() >= 0
                    ? closeCallElement.GetDouble()
                    : throw Error("$.closeCall", "must be a number, 0 or more");
            }

            var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var spec in topicSpecs.Concat(declineSpecs).Append(reassurance).OfType<MatchSpec>())
            {
                foreach (var term in spec.Keywords.Keys.Concat(spec.Require.SelectMany(g => g)).Concat(spec.Exclude))
                {
                    termIds.TryAdd(term, termIds.Count);
                }
            }

            var topicTerms = topicSpecs.SelectMany(s => s.Keywords.Keys).ToHashSet(StringComparer.Ordinal);
            var matcher = new QuestionMatcher(
                _lexicon.Build(topicTerms),
                termIds,
                topics.Zip(topicSpecs, (topic, spec) => (topic, spec.Rule(termIds))),
                declines.Zip(declineSpecs, (decline, spec) => (decline, spec.Rule(termIds))),
                reassurance?.Rule(termIds),
                closeCall);
            return new KnowledgeFile(new KnowledgeBase(topics), declines, matcher);
        }

        private void ReadLexicon(JsonElement lexicon, string path)
        {
            Expect(lexicon, JsonValueKind.Object, path, "an object with \"stopwords\", \"synonyms\" and \"spellings\"");

            ReadSingleWords(Strings(Required(lexicon, "stopwords", path), $"{path}.stopwords"), $"{path}.stopwords", "a stopword", _lexicon.TryAddStopword);
            ReadSingleWords(OptionalStrings(lexicon, "clauseBreaks", path), $"{path}.clauseBreaks", "a clause break", _lexicon.TryAddClauseBreak);

            var synonymsPath = $"{path}.synonyms";
            var synonyms = Required(lexicon, "synonyms", path);
            Expect(synonyms, JsonValueKind.Object, synonymsPath, "an object mapping each canonical term to its variants");
            var groups = synonyms.EnumerateObject().Select(g => ReadSynonymGroup(g, $"{synonymsPath}.{g.Name}")).ToList();

            // Single words first (synonyms, then spellings), phrases last: a phrase is keyed by
            // what its words mean, which must not depend on where in the file the phrase stands.
            foreach (var group in groups)
            {
                foreach (var (words, variantPath) in group.Variants.Where(v => v.Words.Count == 1))
                {
                    Check(_lexicon.AddWord(words[0], group.Canonical, variantPath), variantPath);
                }
            }

            var spellingsPath = $"{path}.spellings";
            var spellings = Required(lexicon, "spellings", path);
            Expect(spellings, JsonValueKind.Object, spellingsPath, "an object mapping a spelling to the one the topics use");
            foreach (var spelling in spellings.EnumerateObject())
            {
                var entryPath = $"{spellingsPath}.{spelling.Name}";
                var target = SingleWord(spelling.Value.ValueKind == JsonValueKind.String ? spelling.Value.GetString()! : throw Error(entryPath, "must be a string"), entryPath);
                var variant = SingleWord(spelling.Name, entryPath);
                Check(_lexicon.AddWord(variant, _lexicon.Key(target), entryPath), entryPath);
            }

            foreach (var group in groups)
            {
                foreach (var (words, variantPath) in group.Variants.Where(v => v.Words.Count > 1))
                {
                    if (_lexicon.AddTerm(words, group.Canonical, variantPath, out var error) is null)
                    {
                        throw Error(variantPath, error!);
                    }
                }
            }

            // Last: a sentence start's term may be one of the phrases just read.
            var startsPath = $"{path}.sentenceStarts";
            if (lexicon.TryGetProperty("sentenceStarts", out var starts) && starts.ValueKind != JsonValueKind.Null)
            {
                Expect(starts, JsonValueKind.Object, startsPath, "an object mapping a sentence's first word to the term it adds");
                foreach (var start in starts.EnumerateObject())
                {
                    var entryPath = $"{startsPath}.{start.Name}";
                    var term = Term(NonEmpty(start.Value, entryPath), entryPath);
                    if (!_lexicon.TryAddSentenceStart(start.Name, term))
                    {
                        throw Error(entryPath, $"a sentence start must be one word, not \"{start.Name}\"");
                    }
                }
            }
        }

        private void ReadSingleWords(List<string> words, string path, string what, Func<string, bool> tryAdd)
        {
            for (var i = 0; i < words.Count; i++)
            {
                if (!tryAdd(words[i]))
                {
                    throw Error($"{path}[{i}]", $"{what} must be one word, not \"{words[i]}\"");
                }
            }
        }

        /// <summary>The group's name counts as one of its variants; a one-word name is keyed by its stem, a phrase by its words.</summary>
        private SynonymGroup ReadSynonymGroup(JsonProperty group, string path)
        {
            var nameWords = TextNormalizer.Words(group.Name);
            if (nameWords.Count == 0)
            {
                throw Error(path, "a synonym group needs a name with at least one word");
            }

            var canonical = nameWords.Count == 1 ? TextNormalizer.Stem(nameWords[0]) : string.Join(' ', nameWords);
            var variants = new List<(List<string> Words, string Path)> { (nameWords, path) };
            var i = 0;
            foreach (var variant in Strings(group.Value, path))
            {
                var variantPath = $"{path}[{i++}]";
                var words = TextNormalizer.Words(variant);
                variants.Add(words.Count > 0 ? (words, variantPath) : throw Error(variantPath, $"\"{variant}\" has no words"));
            }

            return new SynonymGroup(canonical, variants);
        }

        private Topic ReadTopic(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Object, path, "a topic object");

            var id = ReadingId(element, path);
            var kindText = RequiredString(element, "kind", path);
            if (!Kinds.TryGetValue(kindText, out var kind))
            {
                throw Error($"{path}.kind", $"unknown kind \"{kindText}\"; expected one of {string.Join(", ", Kinds.Keys)}");
            }

            var affects = new HashSet<DeploymentType>();
            var affectsPath = $"{path}.affects";
            var i = 0;
            foreach (var name in OptionalStrings(element, "affects", path))
            {
                if (!Enum.TryParse<DeploymentType>(name, ignoreCase: false, out var deployment) || deployment == DeploymentType.Unknown)
                {
                    throw Error($"{affectsPath}[{i}]", $"unknown deployment \"{name}\"; expected {DeploymentType.PublicCloud} or {DeploymentType.HybridCloud}");
                }

                affects.Add(deployment);
                i++;
            }

            string? hybridNote = null;
            if (element.TryGetProperty("hybridNote", out var note) && note.ValueKind != JsonValueKind.Null)
            {
                hybridNote = NonEmpty(note, $"{path}.hybridNote");
            }

            return new Topic(
                id,
                kind,
                RequiredString(element, "title", path),
                RequiredString(element, "explanation", path),
                OptionalStrings(element, "steps", path),
                affects,
                hybridNote,
                OptionalStrings(element, "examples", path));
        }

        private string ReadingId(JsonElement element, string path)
        {
            var id = RequiredString(element, "id", path);
            return id != Topic.NoneId && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
                ? id
                : throw Error($"{path}.id", $"\"{id}\" is not a usable id (lower-case letters, digits and hyphens; \"{Topic.NoneId}\" is reserved)");
        }

        private MatchSpec ReadMatch(JsonElement match, string path)
        {
            Expect(match, JsonValueKind.Object, path, "an object with \"keywords\", \"require\", \"exclude\" and \"minScore\"");

            var keywordsPath = $"{path}.keywords";
            var keywordsElement = Required(match, "keywords", path);
            Expect(keywordsElement, JsonValueKind.Object, keywordsPath, "an object mapping a word or phrase to its weight");
            var keywords = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var keyword in keywordsElement.EnumerateObject())
            {
                var keywordPath = $"{keywordsPath}.{keyword.Name}";
                if (keyword.Value.ValueKind != JsonValueKind.Number || keyword.Value.GetDouble() <= 0)
                {
                    throw Error(keywordPath, "a weight must be a positive number");
                }

                var term = Term(keyword.Name, keywordPath);
                if (!keywords.TryAdd(term, keyword.Value.GetDouble()))
                {
                    throw Error(keywordPath, $"\"{keyword.Name}\" means the same as another keyword of this topic");
                }
            }

            if (keywords.Count == 0)
            {
                throw Error(keywordsPath, "a topic needs at least one keyword");
            }

            var requirePath = $"{path}.require";
            var require = new List<string[]>();
            if (match.TryGetProperty("require", out var requireElement))
            {
                Expect(requireElement, JsonValueKind.Array, requirePath, "an array of groups (arrays of words or phrases)");
                var g = 0;
                foreach (var group in requireElement.EnumerateArray())
                {
                    var groupPath = $"{requirePath}[{g++}]";
                    var terms = TermList(group, groupPath);
                    if (terms.Length == 0)
                    {
                        throw Error(groupPath, "an empty group can never be satisfied");
                    }

                    require.Add(terms);
                }
            }

            var excludePath = $"{path}.exclude";
            var exclude = match.TryGetProperty("exclude", out var excludeElement) ? TermList(excludeElement, excludePath) : [];
            var clash = exclude.FirstOrDefault(keywords.ContainsKey);
            if (clash is not null)
            {
                throw Error(excludePath, $"\"{clash}\" is both a keyword and an exclusion");
            }

            var minScorePath = $"{path}.minScore";
            var minScore = Required(match, "minScore", path);
            if (minScore.ValueKind != JsonValueKind.Number || minScore.GetDouble() <= 0)
            {
                throw Error(minScorePath, "must be a positive number");
            }

            return new MatchSpec(keywords, require, exclude, minScore.GetDouble());
        }

        private string[] TermList(JsonElement element, string path)
        {
            var texts = Strings(element, path);
            var terms = new string[texts.Count];
            for (var i = 0; i < texts.Count; i++)
            {
                terms[i] = Term(texts[i], $"{path}[{i}]");
            }

            return terms;
        }

        private string Term(string text, string path)
        {
            var words = TextNormalizer.Words(text);
            if (words.Count == 1 && _lexicon.Stopwords.Contains(words[0]))
            {
                throw Error(path, $"\"{text}\" is a stopword, so it can never be matched");
            }

            return _lexicon.AddTerm(words, null, path, out var error) ?? throw Error(path, error!);
        }

        private string SingleWord(string text, string path)
        {
            var words = TextNormalizer.Words(text);
            return words.Count == 1 ? words[0] : throw Error(path, $"\"{text}\" must be a single word");
        }

        private void Check(string? error, string path)
        {
            if (error is not null)
            {
                throw Error(path, error);
            }
        }

        private JsonElement Required(JsonElement parent, string name, string path) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value
                : throw Error($"{path}.{name}", "is missing");

        private string RequiredString(JsonElement parent, string name, string path) =>
            NonEmpty(Required(parent, name, path), $"{path}.{name}");

        private string NonEmpty(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString())
                ? element.GetString()!
                : throw Error(path, "must be a non-empty string");

        private List<string> OptionalStrings(JsonElement parent, string name, string path) =>
            parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? Strings(value, $"{path}.{name}")
                : [];

        private IEnumerable<JsonElement> OptionalArray(JsonElement parent, string name, string path, string what)
        {
            if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            Expect(value, JsonValueKind.Array, $"{path}.{name}", what);
            return value.EnumerateArray();
        }

        private List<string> Strings(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Array, path, "an array of strings");
            var result = new List<string>(element.GetArrayLength());
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                result.Add(NonEmpty(item, $"{path}[{i++}]"));
            }

            return result;
        }

        private void Expect(JsonElement element, JsonValueKind kind, string path, string what)
        {
            if (element.ValueKind != kind)
            {
                throw Error(path, $"expected {what}, found {element.ValueKind.ToString().ToLowerInvariant()}");
            }
        }

        private KnowledgeFileException Error(string path, string message) => new($"{source}: {path}: {message}");
    }

    private sealed record SynonymGroup(string Canonical, List<(List<string> Words, string Path)> Variants);

    private sealed record MatchSpec(Dictionary<string, double> Keywords, List<string[]> Require, string[] Exclude, double MinScore)
    {
        public MatchRule Rule(Dictionary<string, int> termIds)
        {
            var weights = new double[termIds.Count];
            foreach (var (term, weight) in Keywords)
            {
                weights[termIds[term]] = weight;
            }

            return new MatchRule(
                weights,
                [.. Require.Select(g => g.Select(t => termIds[t]).ToArray())],
                [.. Exclude.Select(t => termIds[t])],
                MinScore);
        }
    }
}
