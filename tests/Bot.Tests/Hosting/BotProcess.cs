using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NumbersBot.Bot.Tests.Hosting;

/// <summary>The real bot started as a process, as an operator would start it, on its own SQLite file.</summary>
public sealed partial class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly Task<string> _stderr;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];
    private readonly string _environmentName;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private TaskCompletionSource _more = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BotProcess(string environmentName, IReadOnlyDictionary<string, string> settings, DirectoryInfo? folder = null)
    {
        (_environmentName, _settings) = (environmentName, settings);
        _folder = folder ?? Directory.CreateTempSubdirectory("numbersbot-process");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "NumbersBot.Bot.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = _folder.FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        start.Environment["ConnectionStrings__Numbers"] = $"Data Source={DatabaseFile}";
        foreach (var (name, value) in settings) start.Environment[name] = value;
        _process = Process.Start(start)!;
        _stderr = _process.StandardError.ReadToEndAsync();
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text) return;
            if (Listening().Match(text) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
            TaskCompletionSource said;
            lock (_output)
            {
                _output.Add(text);
                (said, _more) = (_more, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            said.TrySetResult();
        };
        _process.BeginOutputReadLine();
    }

    public static BotProcess Start(string environmentName, params (string Name, string Value)[] settings) =>
        new(environmentName, settings.ToDictionary(s => s.Name, s => s.Value));

    /// <summary>Its SQLite file, which a restart keeps.</summary>
    public string DatabaseFile => Path.Combine(_folder.FullName, "n.db");

    /// <summary>
    /// Ends the process at once, as kill -9 or a power cut would (no shutdown hooks run), and starts it again on the same
    /// database with the same settings. Dispose only the new one: it owns the folder.
    /// </summary>
    public async Task<BotProcess> CrashAndRestartAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        return new BotProcess(_environmentName, _settings, _folder);
    }

    /// <summary>The address it listens on, once it does; fails when it exits first.</summary>
    public async Task<Uri> ListeningAsync()
    {
        var exited = _process.WaitForExitAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(Timeout.Infinite, patience.Token));
        if (first == _listening.Task) return await _listening.Task;
        Assert.Fail(first == exited ? $"The bot exited instead of starting: {await _stderr}" : "The bot did not start within a minute.");
        throw new InvalidOperationException();
    }

    /// <summary>The first line of its console output that contains <paramref name="text"/>, once it prints one (90 s at most: a loaded machine).</summary>
    public async Task<string> SaysAsync(string text)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            Task more;
            lock (_output)
            {
                if (_output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line) return line;
                more = _more.Task;
            }
            try
            {
                await more.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_output) Assert.Fail($"The bot never printed '{text}'. It printed:\n{string.Join("\n", _output)}");
            }
        }
    }

    /// <summary>Waits for it to give up; fails when it keeps running.</summary>
    public async Task<(int ExitCode, string Stderr)> ExitAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("The bot kept running despite a configuration problem.");
        }
        return (_process.ExitCode, await _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { _folder.Delete(recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();
}
