using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace NumbersBot.Bot.Tests.Hosting;

/// <summary>The whole bot in memory, on its own SQLite file, with the demo seeded: a fresh one per test.</summary>
public sealed class NumbersBotApp : WebApplicationFactory<Program>
{
    private readonly string _folder;
    private readonly bool _ownsFolder;
    private readonly Dictionary<string, string?> _settings = new();
    private readonly List<Action<IServiceCollection>> _services = [];

    public NumbersBotApp() : this(Path.Combine(Path.GetTempPath(), "numbersbot-tests", Guid.NewGuid().ToString("N")), ownsFolder: true)
    {
    }

    /// <summary>Another instance on the same database file, as after a restart; the folder is not deleted on dispose.</summary>
    public NumbersBotApp(string folder, bool ownsFolder = false)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
    }

    public string Folder => _folder;

    public NumbersBotApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public NumbersBotApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Numbers", $"Data Source={Path.Combine(_folder, "numbers.db")}");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => _services.ForEach(configure => configure(services)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder) return;
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } // a late file handle must not fail the test
    }
}
