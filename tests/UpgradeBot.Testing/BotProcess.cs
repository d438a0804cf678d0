using System.Diagnostics;

namespace UpgradeBot.Testing;

/// <summary>Runs the host binary as an operator would, from the test's output folder where it was copied with its appsettings.json and knowledge.json.</summary>
public static class BotProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = StartInfo(args);
        start.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), "upgradebot-tests", Guid.NewGuid().ToString("N"), "bot.db")}";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Starts the host as a server on a free loopback port, configured through environment
    /// variables as an operator would. Its output is drained (a full pipe would stall the host)
    /// and kept for the failure message.
    /// </summary>
    public static Running Start(IReadOnlyDictionary<string, string> environment)
    {
        var start = StartInfo();
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        // The address the host took is read from its start-up line (BaseUrlAsync), whatever else is logged.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new Running(Process.Start(start)!);
    }

    private static ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UpgradeBot.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>A host process; disposing it kills it if it still runs.</summary>
    public sealed class Running : IDisposable
    {
        private const string Listening = "Now listening on: ";

        private readonly Process _process;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
        private readonly TaskCompletionSource<Uri> _baseUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Running(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public int ProcessId => _process.Id;

        /// <summary>Where the host listens, once it says so; fails when it exits first or takes longer than a minute.</summary>
        public async Task<Uri> BaseUrlAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var exited = _process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(_baseUrl.Task, exited) != _baseUrl.Task)
            {
                throw new InvalidOperationException($"The host did not start listening:{Environment.NewLine}{Output}");
            }

            return await _baseUrl.Task;
        }

        /// <summary>An HTTP client for the running host.</summary>
        public async Task<HttpClient> ClientAsync() => new() { BaseAddress = await BaseUrlAsync() };

        /// <summary>The last lines the host wrote, for a failure message.</summary>
        public string Output => string.Join(Environment.NewLine, _output);

        /// <summary>SIGKILL, as a crash or an OOM kill would end it: no shutdown code runs.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            if (line.IndexOf(Listening, StringComparison.Ordinal) is var at and >= 0)
            {
                _baseUrl.TrySetResult(new Uri(line[(at + Listening.Length)..].Trim()));
            }

            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }
        }
    }
}
