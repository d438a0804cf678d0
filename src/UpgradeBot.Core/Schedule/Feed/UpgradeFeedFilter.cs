using System.Text.RegularExpressions;

namespace UpgradeBot.Core.Schedule.Feed;

/// <summary>Which maintenances on the status page are public cloud upgrades: by name, and by the components they affect.</summary>
public sealed class UpgradeFeedFilter
{
    public static readonly UpgradeFeedFilter All = new(null, []);

    private readonly Regex? _name;
    private readonly HashSet<string> _components;

    public UpgradeFeedFilter(Regex? name, IEnumerable<string> components)
    {
        _name = name;
        _components = new HashSet<string>(components.Select(c => c.Trim()), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The filter of <c>UpgradeFeed:NamePattern</c> and <c>UpgradeFeed:Components</c>, or null with an
    /// error naming the key. The pattern runs without backtracking: names come from outside.
    /// </summary>
    public static UpgradeFeedFilter? From(UpgradeFeedOptions options, string path, ICollection<string> errors)
    {
        Regex? name = null;
        if (!string.IsNullOrWhiteSpace(options.NamePattern))
        {
            try
            {
                name = new Regex(options.NamePattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                errors.Add($"{path}:NamePattern '{options.NamePattern}' is not a usable regular expression (backreferences and lookarounds are not supported): {e.Message}");
                return null;
            }
        }

        for (var i = 0; i < options.Components.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Components[i]))
            {
                errors.Add($"{path}:Components:{i} is empty; give a component name as the status page shows it.");
                return null;
            }
        }

        return new UpgradeFeedFilter(name, options.Components);
    }

    public bool Chooses(string name, IEnumerable<string> components) =>
        (_name is null || _name.IsMatch(name))
        && (_components.Count == 0 || components.Any(c => _components.Contains(c.Trim())));
}
