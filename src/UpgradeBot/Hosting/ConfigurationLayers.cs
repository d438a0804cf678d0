using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace UpgradeBot.Hosting;

/// <summary>
/// The configuration stack shared by the web service and the command-line verbs:
/// appsettings.json beside the binaries, appsettings.{Environment}.json, the optional
/// <c>--config FILE</c>, environment variables (<c>A__B</c>), then <c>--Section:Key value</c> switches.
/// A list in a later file replaces the list of the same key from an earlier one instead of being
/// merged entry by entry (what stacked JSON sources would do): an operator who lists two upgrades
/// must get exactly those two.
/// </summary>
public static class ConfigurationLayers
{
    public const string ConfigSwitch = "--config";

    public static void Apply(IConfigurationBuilder builder, string baseDirectory, string environmentName, string? configFile, string[] switches, JsonElement? lastOverlay = null)
    {
        var layers = new List<JsonElement>();
        foreach (var file in new[] { "appsettings.json", $"appsettings.{environmentName}.json" })
        {
            var path = Path.Combine(baseDirectory, file);
            if (File.Exists(path))
            {
                layers.Add(ParseFile(path));
            }
        }

        if (configFile is not null)
        {
            layers.Add(File.Exists(configFile)
                ? ParseFile(configFile)
                : throw new ConfigurationFileException($"{ConfigSwitch} file '{configFile}' does not exist."));
        }

        if (lastOverlay is { } overlay)
        {
            layers.Add(overlay);
        }

        // The host's default file, environment and command-line sources are replaced by ours; any
        // other source (a test host's in-memory settings) stays after them and keeps the last word.
        var kept = builder.Sources
            .Where(s => s is not (FileConfigurationSource or EnvironmentVariablesConfigurationSource or CommandLineConfigurationSource))
            .ToList();
        builder.Sources.Clear();
        builder.Add(new MemoryConfigurationSource { InitialData = Merge(layers) });
        builder.AddEnvironmentVariables();
        builder.AddCommandLine(switches);
        foreach (var source in kept)
        {
            builder.Add(source);
        }
    }

    /// <summary>Later layers win key by key, except that a list in a later layer replaces the earlier list whole.</summary>
    private static Dictionary<string, string?> Merge(IEnumerable<JsonElement> layers)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            var lists = new List<string>();
            CollectListPaths(layer, string.Empty, lists);
            RemoveReplacedLists(merged, lists);
            Flatten(layer, string.Empty, merged);
        }

        return merged;
    }

    /// <summary>Splits <c>--config FILE</c> off the arguments; the rest stay as they were.</summary>
    public static (string? ConfigFile, string[] Remaining) ExtractConfigFile(string[] args)
    {
        string? file = null;
        var rest = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == ConfigSwitch)
            {
                if (i + 1 >= args.Length)
                {
                    throw new ConfigurationFileException($"{ConfigSwitch} needs a file path.");
                }

                file = args[++i];
            }
            else if (args[i].StartsWith(ConfigSwitch + "=", StringComparison.Ordinal))
            {
                file = args[i][(ConfigSwitch.Length + 1)..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return (file, [.. rest]);
    }

    private static JsonElement ParseFile(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationFileException($"Configuration file '{file}' must hold a JSON object.");
            }

            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ConfigurationFileException($"Configuration file '{file}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
    }

    private static void RemoveReplacedLists(Dictionary<string, string?> settings, List<string> listPaths)
    {
        foreach (var key in settings.Keys.ToArray())
        {
            if (listPaths.Any(list => key.Equals(list, StringComparison.OrdinalIgnoreCase)
                                      || key.StartsWith(list + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
            {
                settings.Remove(key);
            }
        }
    }

    private static void CollectListPaths(JsonElement element, string path, List<string> lists)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectListPaths(property.Value, Join(path, property.Name), lists);
                }

                break;
            case JsonValueKind.Array:
                lists.Add(path);
                break;
        }
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string?> settings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    any = true;
                    Flatten(property.Value, Join(path, property.Name), settings);
                }

                if (!any && path.Length > 0)
                {
                    settings[path] = null;
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, Join(path, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture)), settings);
                }

                if (index == 0)
                {
                    settings[path] = null;
                }

                break;
            case JsonValueKind.Null:
                settings[path] = null;
                break;
            case JsonValueKind.String:
                settings[path] = element.GetString();
                break;
            default:
                settings[path] = element.GetRawText();
                break;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + ConfigurationPath.KeyDelimiter + key;
}
