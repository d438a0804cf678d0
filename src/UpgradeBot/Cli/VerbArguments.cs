namespace UpgradeBot.Cli;

/// <summary>
/// A verb's command line: positional values, its own <c>--name value</c> options, and everything
/// else as configuration switches (<c>--Section:Key value</c>).
/// </summary>
internal sealed class VerbArguments
{
    private static readonly HashSet<string> VerbOptions = new(StringComparer.Ordinal) { "at", "deployment", "config", "app-id", "out" };

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private VerbArguments(string name) => Name = name;

    public string Name { get; }

    public List<string> Positional { get; } = [];

    public string[] Switches { get; private set; } = [];

    public string? ConfigFile => Option("config");

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public static VerbArguments Parse(string[] args)
    {
        var parsed = new VerbArguments(args[0]);
        var switches = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new Hosting.UsageException($"{arg} needs a value.");
            }

            if (VerbOptions.Contains(name))
            {
                parsed._options[name] = value;
            }
            else
            {
                switches.Add($"--{name}={value}");
            }
        }

        parsed.Switches = [.. switches];
        return parsed;
    }
}
