using System.Globalization;

namespace UpgradeBot.FanOut;

/// <summary>User and system CPU time of processes so far (Linux): the hosts' cost, which holds when other work shares the cores.</summary>
internal static class ProcessCpu
{
    public static double Seconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Every PostgreSQL server process on the machine, which may serve others' databases too.</summary>
    public static double PostgresSeconds() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(d => int.TryParse(d, out _))
            .Sum(d =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{d}/comm").Trim() == "postgres" ? Seconds(int.Parse(d!, CultureInfo.InvariantCulture)) : 0;
                }
                catch (IOException)
                {
                    return 0;
                }
            });
}
