using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using NumbersBot.Bot.Tests.Hosting;

namespace NumbersBot.Bot.Tests.Telephony.Crashes;

/// <summary>
/// The real bot as a child process in Development (the demo project, local chat) on its own SQLite file, with
/// Telephony:Provider=Twilio pointed at a <see cref="FakeTwilio"/>; it can be killed mid-call and started again on the
/// same database and the same fake, and then checked for what issue 15 promises.
/// </summary>
public sealed class CrashedBot : IAsyncDisposable
{
    public const string Project = "demo";

    private static readonly Dictionary<string, string[]> SipOf = new()
    {
        ["Sandbox"] = ["sip:sandbox@demo.voice.example.com", "sip:sandbox-fallback@demo.voice.example.com"],
        ["PreRelease"] = ["sip:prerelease@demo.voice.example.com", "sip:prerelease-fallback@demo.voice.example.com"],
        ["Live"] = ["sip:live@demo.voice.example.com", "sip:live-fallback@demo.voice.example.com"],
    };

    private BotProcess _process;
    private HttpClient _client;

    private CrashedBot(FakeTwilio twilio, BotProcess process, HttpClient client) => (Twilio, _process, _client) = (twilio, process, client);

    public FakeTwilio Twilio { get; }

    public static async Task<CrashedBot> StartAsync()
    {
        var twilio = await FakeTwilio.StartAsync();
        twilio.Account(TwilioBot.PoolAccount, TwilioBot.PoolToken);
        var process = BotProcess.Start("Development",
            ("Demo__Seed", "true"), // the working folder is a temporary one, so appsettings.Development.json is not read
            ("Access__Admins__0", "local:alice"),
            ("Telephony__Provider", "Twilio"),
            ("Twilio__AccountSid", TwilioBot.PoolAccount),
            ("Twilio__AuthToken", TwilioBot.PoolToken),
            ("Twilio__ApiBaseUrl", twilio.BaseUrl.ToString()),
            ("Twilio__RetryDelayMilliseconds", "1"),
            ("Twilio__TimeoutSeconds", "5"),
            ("Twilio__Reconcile__AfterSeconds", "6"), // a purchase left unanswered is settled soon after the restart
            ("Twilio__Reconcile__EverySeconds", "1"),
            ("Twilio__Reconcile__Drift__AtStartup", "true"),
            ("Telephony__StepLeaseSeconds", "2")); // a step the dead process recorded is soon the worker's
        return new CrashedBot(twilio, process, await ClientAsync(process));
    }

    /// <summary>Alice clicks Add number; the answer is a progress card, the purchase goes on in the background.</summary>
    public async Task ClickAddNumberAsync(string environment, string country, string areaCode)
    {
        var response = await _client.PostAsJsonAsync("/api/local/actions", new
        {
            user = "local:alice",
            verb = "number.add",
            data = new { project = Project, environment, country, areaCode, requestKey = "crash-click-1" },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Kills the process tree mid-call and starts the bot again on the same database.</summary>
    public async Task CrashAndRestartAsync()
    {
        _client.Dispose();
        _process = await _process.CrashAndRestartAsync();
        _client = await ClientAsync(_process);
    }

    /// <summary>Polls the database until <paramref name="e164"/> is listed as routed (30 s at most).</summary>
    public async Task RoutedAsync(string e164)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!(await ListedAsync()).Any(n => n.E164 == e164 && n.Reachability == "Routed"))
        {
            if (patience.IsCancellationRequested)
                Assert.Fail($"{e164} was not routed within 30 s; listed: {string.Join(", ", await ListedAsync())}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A clean start runs one drift cycle, which must find nothing to repair; then every listed number is owned and on a
    /// trunk pointing at its environment's SIP addresses, every tagged number Twilio holds is listed, none bought twice.
    /// </summary>
    public async Task HoldsWhatItListsAfterADriftCycleAsync()
    {
        await CrashAndRestartAsync();
        var drift = await _process.SaysAsync("Drift check:");
        Assert.Contains("0 repairs, 0 reported", drift);

        var listed = (await ListedAsync()).Where(n => !n.Simulated).ToList();
        var held = Twilio.NumbersOf(TwilioBot.PoolAccount);
        var trunks = Twilio.TrunksOf(TwilioBot.PoolAccount);
        foreach (var number in listed)
        {
            var owned = Assert.Single(held, h => h.E164 == number.E164);
            Assert.Equal(owned.Sid, number.ProviderReference);
            Assert.Equal("Routed", number.Reachability);
            var trunk = Assert.Single(trunks, t => t.Sid == owned.TrunkSid);
            Assert.Equal(SipOf[number.Environment], trunk.OriginationUrls.OrderBy(u => u.Priority).Select(u => u.SipUrl));
        }
        foreach (var tagged in held.Where(h => h.FriendlyName.StartsWith("numbersbot", StringComparison.Ordinal)))
            Assert.Contains(listed, n => n.ProviderReference == tagged.Sid);
        var bought = Twilio.RequestsTo("POST", "IncomingPhoneNumbers.json").Select(r => r.Form["PhoneNumber"]).ToList();
        Assert.Equal(bought.Distinct(), bought);
    }

    public async Task<IReadOnlyList<string>> AuditOfAsync(string e164)
    {
        await using var db = await OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT action_name FROM audit_entries WHERE e164 = $e164 ORDER BY seq";
        read.Parameters.AddWithValue("$e164", e164);
        var actions = new List<string>();
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync()) actions.Add(rows.GetString(0));
        return actions;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _process.DisposeAsync();
        await Twilio.DisposeAsync();
    }

    private async Task<IReadOnlyList<Listed>> ListedAsync()
    {
        await using var db = await OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT e164, environment, provider_reference, simulated, reachability FROM numbers";
        var listed = new List<Listed>();
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            listed.Add(new Listed(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetInt64(3) != 0, rows.GetString(4)));
        return listed;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var db = new SqliteConnection($"Data Source={_process.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        return db;
    }

    private static async Task<HttpClient> ClientAsync(BotProcess process) => new() { BaseAddress = await process.ListeningAsync() };

    private sealed record Listed(string E164, string Environment, string ProviderReference, bool Simulated, string Reachability);
}
