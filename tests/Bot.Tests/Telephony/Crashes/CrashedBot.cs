using System.Net.Http.Json;
using System.Text.Json;
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

    /// <summary>The pool number test calls come from.</summary>
    public const string TestCaller = "+14155550100";

    // Generous: two cores shared by four engineers' builds and test runs.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private BotProcess _process;
    private HttpClient _client;

    private CrashedBot(FakeTwilio twilio, BotProcess process, HttpClient client) => (Twilio, _process, _client) = (twilio, process, client);

    public FakeTwilio Twilio { get; }

    public static async Task<CrashedBot> StartAsync()
    {
        var twilio = await FakeTwilio.StartAsync();
        twilio.Account(TwilioBot.PoolAccount, TwilioBot.PoolToken);
        twilio.Account(TwilioBot.CustomerAccount, TwilioBot.CustomerToken);
        var process = BotProcess.Start("Development",
            ("Demo__Seed", "true"), // the working folder is a temporary one, so appsettings.Development.json is not read
            ("Access__Admins__0", "local:alice"),
            ("Telephony__Provider", "Twilio"),
            ("Twilio__AccountSid", TwilioBot.PoolAccount),
            ("Twilio__AuthToken", TwilioBot.PoolToken),
            ("Twilio__Customers__demo__AccountSid", TwilioBot.CustomerAccount), // the demo project's own account, for connected numbers
            ("Twilio__Customers__demo__AuthToken", TwilioBot.CustomerToken),
            ("Twilio__ApiBaseUrl", twilio.BaseUrl.ToString()),
            ("Twilio__TestCaller", TestCaller),
            ("Twilio__RetryDelayMilliseconds", "1"),
            ("Twilio__TimeoutSeconds", "5"),
            ("Twilio__Reconcile__AfterSeconds", "6"), // a purchase left unanswered is settled soon after the restart
            ("Twilio__Reconcile__EverySeconds", "1"),
            ("Twilio__Reconcile__Drift__AtStartup", "true"),
            ("Telephony__StepLeaseSeconds", "2")); // a step the dead process recorded is soon the worker's
        var bot = new CrashedBot(twilio, process, await ClientAsync(process));
        await bot.FirstDriftCycleAsync();
        return bot;
    }

    /// <summary>What the drift cycle the running process did at start-up reported (it is over once this returns).</summary>
    public string DriftAtStartup { get; private set; } = "";

    /// <summary>Alice clicks Add number; the answer is a progress card, the purchase goes on in the background.</summary>
    public Task ClickAddNumberAsync(string environment, string country, string areaCode) =>
        ClickAsync("number.add", new { project = Project, environment, country, areaCode, requestKey = "crash-click-1" });

    /// <summary>Twilio offers <paramref name="e164"/> (a US number), Alice adds it to Sandbox, and it is routed.</summary>
    public async Task AddRoutedAsync(string e164)
    {
        Twilio.Offer("US", "Local", e164);
        await ClickAddNumberAsync("Sandbox", "US", e164[2..5]);
        await RoutedAsync(e164);
    }

    /// <summary>Alice clicks Test call on a listed number; the answer is a progress card, the call goes on in the background.</summary>
    public async Task ClickTestCallAsync(string e164) =>
        await ClickAsync("number.test", new { project = Project, numberId = await IdOfAsync(e164), number = e164 });

    /// <summary>Alice (or <paramref name="user"/>) clicks a button whose answer comes back (a slow verb answers with a progress card at once).</summary>
    public async Task ClickAsync(string verb, object data, string user = "local:alice")
    {
        var response = await _client.PostAsJsonAsync("/api/local/actions", new { user, verb, data });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Alice clicks a button whose request waits on Twilio; the returned task completes once the request has died with the
    /// process (it fails when an answer came after all).
    /// </summary>
    public Task ClickUnansweredAsync(string verb, object data)
    {
        var sent = _client.PostAsJsonAsync("/api/local/actions", new { user = "local:alice", verb, data });
        return Unanswered(sent);

        static async Task Unanswered(Task<HttpResponseMessage> sent)
        {
            try
            {
                var answer = await sent;
                Assert.Fail($"The click was answered ({(int)answer.StatusCode}) although its process was killed mid-call.");
            }
            catch (HttpRequestException)
            {
                // The connection died with the process.
            }
            catch (OperationCanceledException)
            {
                // The client was disposed with the dead process.
            }
        }
    }

    /// <summary>Alice types a line into the local chat; the answer is the card as the page renders it.</summary>
    public async Task<JsonElement> TypeAsync(string text)
    {
        var response = await _client.PostAsJsonAsync("/api/local/messages", new { user = "local:alice", text });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the audit trail until the number's actions are exactly <paramref name="actions"/>.</summary>
    public async Task AuditedAsync(string e164, params string[] actions)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!(await AuditOfAsync(e164)).SequenceEqual(actions))
        {
            if (patience.IsCancellationRequested)
                Assert.Fail($"{e164}'s audit trail is {string.Join(", ", await AuditOfAsync(e164))}, not {string.Join(", ", actions)}, after {Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }

    /// <summary>The id and status of the latest approval request for <paramref name="e164"/>, and why its release failed if it did.</summary>
    public async Task<(string Id, string Status, string? ReleaseFailure)> ApprovalOfAsync(string e164)
    {
        await using var db = await OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT id, status, release_failure FROM approvals WHERE e164 = $e164 ORDER BY requested_at DESC LIMIT 1";
        read.Parameters.AddWithValue("$e164", e164);
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"No approval request is stored for {e164}.");
        return (row.GetString(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2));
    }

    /// <summary>The id the numbers card carries for a listed number (its buttons' numberId).</summary>
    public async Task<string> IdOfAsync(string e164) => Assert.Single(await ListedAsync(), n => n.E164 == e164).Id;

    /// <summary>Kills the process tree mid-call and starts the bot again on the same database; returns once its start-up drift cycle is over.</summary>
    public async Task CrashAndRestartAsync()
    {
        _client.Dispose();
        _process = await _process.CrashAndRestartAsync();
        _client = await ClientAsync(_process);
        await FirstDriftCycleAsync();
    }

    /// <summary>Polls the database until <paramref name="e164"/> is listed as routed.</summary>
    public Task RoutedAsync(string e164) =>
        UntilAsync(listed => listed.Any(n => n.E164 == e164 && n.Reachability == "Routed"), $"{e164} was not routed");

    /// <summary>Polls the database until <paramref name="e164"/> is no longer listed.</summary>
    public Task GoneAsync(string e164) => UntilAsync(listed => listed.All(n => n.E164 != e164), $"{e164} is still listed");

    /// <summary>
    /// A clean start runs one drift cycle, which must find nothing to repair; then every listed number is owned (in the pool,
    /// or the customer's account when connected) and on a trunk pointing at its environment's SIP addresses as the project
    /// stores them, every tagged number Twilio holds is listed, none bought twice.
    /// </summary>
    public async Task HoldsWhatItListsAfterADriftCycleAsync()
    {
        await CrashAndRestartAsync();
        Assert.Contains("0 repairs, 0 reported", DriftAtStartup);

        var listed = (await ListedAsync()).Where(n => !n.Simulated).ToList();
        var sip = await SipAddressesAsync();
        foreach (var number in listed)
        {
            var account = number.Source == "Twilio" ? TwilioBot.CustomerAccount : TwilioBot.PoolAccount;
            var owned = Assert.Single(Twilio.NumbersOf(account), h => h.E164 == number.E164);
            Assert.Equal(owned.Sid, number.ProviderReference);
            Assert.Equal("Routed", number.Reachability);
            var trunk = Assert.Single(Twilio.TrunksOf(account), t => t.Sid == owned.TrunkSid);
            Assert.Equal(sip[number.Environment], trunk.OriginationUrls.OrderBy(u => u.Priority).Select(u => u.SipUrl));
        }
        foreach (var tagged in Twilio.NumbersOf(TwilioBot.PoolAccount).Where(h => h.FriendlyName.StartsWith("numbersbot", StringComparison.Ordinal)))
            Assert.Contains(listed, n => n.ProviderReference == tagged.Sid);
        var bought = Twilio.RequestsTo("POST", "IncomingPhoneNumbers.json").Select(r => r.Form["PhoneNumber"]).ToList();
        Assert.Equal(bought.Distinct(), bought);
    }

    public async Task<IReadOnlyList<string>> AuditOfAsync(string e164) => (await AuditTrailOfAsync(e164)).Select(e => e.Action).ToList();

    /// <summary>The number's audit entries, oldest first: the action and what it says the number became.</summary>
    public async Task<IReadOnlyList<(string Action, string? After)>> AuditTrailOfAsync(string e164)
    {
        await using var db = await OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT action_name, after_text FROM audit_entries WHERE e164 = $e164 ORDER BY seq";
        read.Parameters.AddWithValue("$e164", e164);
        var entries = new List<(string, string?)>();
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync()) entries.Add((rows.GetString(0), rows.IsDBNull(1) ? null : rows.GetString(1)));
        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _process.DisposeAsync();
        await Twilio.DisposeAsync();
        Twilio.AssertEveryRequestWasValid();
    }

    /// <summary>
    /// Waits for the start-up drift cycle to end: a process killed during one would hold the cycle's lease (15 minutes),
    /// and the next start would skip its cycle.
    /// </summary>
    private async Task FirstDriftCycleAsync() => DriftAtStartup = await _process.SaysAsync("Drift check:");

    private async Task UntilAsync(Func<IReadOnlyList<Listed>, bool> done, string otherwise)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!done(await ListedAsync()))
        {
            if (patience.IsCancellationRequested)
                Assert.Fail($"{otherwise} after {Patience.TotalSeconds} s; listed: {string.Join(", ", await ListedAsync())}");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<Listed>> ListedAsync()
    {
        await using var db = await OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT id, e164, environment, source, provider_reference, simulated, reachability FROM numbers";
        var listed = new List<Listed>();
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            listed.Add(new Listed(rows.GetString(0), rows.GetString(1), rows.GetString(2), rows.GetString(3), rows.GetString(4), rows.GetInt64(5) != 0,
                rows.GetString(6)));
        return listed;
    }

    /// <summary>The demo project's SIP addresses per environment, main then fallback, as the bot stores them now.</summary>
    private async Task<IReadOnlyDictionary<string, string[]>> SipAddressesAsync()
    {
        await using var db = await OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT sandbox_sip_main, sandbox_sip_fallback, pre_release_sip_main, pre_release_sip_fallback, live_sip_main, live_sip_fallback " +
            "FROM projects WHERE id = $id";
        read.Parameters.AddWithValue("$id", Project);
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), $"The project {Project} is not stored.");
        return new Dictionary<string, string[]>
        {
            ["Sandbox"] = [row.GetString(0), row.GetString(1)],
            ["PreRelease"] = [row.GetString(2), row.GetString(3)],
            ["Live"] = [row.GetString(4), row.GetString(5)],
        };
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var db = new SqliteConnection($"Data Source={_process.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        return db;
    }

    private static async Task<HttpClient> ClientAsync(BotProcess process) => new() { BaseAddress = await process.ListeningAsync() };

    private sealed record Listed(string Id, string E164, string Environment, string Source, string ProviderReference, bool Simulated, string Reachability);
}
