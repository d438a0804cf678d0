using System.Globalization;
using System.Text;

namespace UpgradeBot.Cli;

/// <summary>
/// Counts of expected topic × answered topic, so a knowledge author sees which topics the matcher
/// mixes up. Rows and columns are numbered in the same order; a zero prints as a dot.
/// </summary>
internal sealed class ConfusionTable(IEnumerable<string> knownTopics)
{
    private readonly List<string> _topics = [.. knownTopics];
    private readonly Dictionary<(string Expected, string Answered), int> _counts = [];

    public void Add(string expected, string answered)
    {
        foreach (var topic in new[] { expected, answered }.Where(t => !_topics.Contains(t)))
        {
            _topics.Add(topic);
        }

        _counts[(expected, answered)] = _counts.GetValueOrDefault((expected, answered)) + 1;
    }

    public string Render()
    {
        var labelWidth = _topics.Max(t => t.Length) + 4;
        var widest = Math.Max(_topics.Count, _counts.Values.DefaultIfEmpty().Max());
        var cellWidth = widest.ToString(CultureInfo.InvariantCulture).Length + 2;
        var text = new StringBuilder("confusion (rows: expected topic, columns: answered topic)\n");
        text.Append(new string(' ', labelWidth));
        for (var column = 0; column < _topics.Count; column++)
        {
            text.Append((column + 1).ToString(CultureInfo.InvariantCulture).PadLeft(cellWidth));
        }

        text.Append('\n');
        for (var row = 0; row < _topics.Count; row++)
        {
            text.Append($"{row + 1,2} {_topics[row]}".PadRight(labelWidth));
            foreach (var answered in _topics)
            {
                var count = _counts.GetValueOrDefault((_topics[row], answered));
                text.Append((count == 0 ? "." : count.ToString(CultureInfo.InvariantCulture)).PadLeft(cellWidth));
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
