using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NumbersBot.Bot.Channels;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Tests.Channels.Local;
using NumbersBot.Bot.Tests.Persistence;
using NumbersBot.Tests.Support.Fakes;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// A reply that follows an acknowledgement is written down before the acknowledgement, sent at once, and marked done once
/// Slack took it; a failed send is tried again while its response_url lasts, a refusal never; what is handed to the
/// outbox is the outbox's, given back when its send is over.
/// </summary>
public class SlackOutboxTests
{
    private const string Url = "click";

    [Fact]
    public async Task A_reply_is_written_down_before_its_send_is_even_answered()
    {
        await using var outbox = await Outbox.StartAsync();
        var held = outbox.Slack.HoldNext($"response_url:{Url}");

        await outbox.RespondAsync("replaced");

        var row = Assert.Single(await outbox.RowsAsync());
        Assert.Equal(("Sending", 1), (row.State, row.Attempts));
        Assert.Contains("replaced", row.Body);
        Assert.Equal(outbox.Slack.ResponseUrl(Url), row.ResponseUrl);
        Assert.Equal("replaced", (await held.WaitAsync(TimeSpan.FromSeconds(15))).Body["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_reply_Slack_took_is_sent_once_and_done_and_forgets_its_response_url()
    {
        await using var outbox = await Outbox.StartAsync();

        await outbox.RespondAsync("replaced");
        await outbox.IdleAsync();
        outbox.Clock.Advance(TimeSpan.FromMinutes(5)); // past the lease: a done row is nobody's work
        await outbox.Sender.ResendDueAsync(CancellationToken.None);

        Assert.Single(outbox.Slack.Calls, c => c.Method == $"response_url:{Url}");
        var row = Assert.Single(await outbox.RowsAsync());
        Assert.Equal(("Done", 1, "", null), (row.State, row.Attempts, row.Body, row.ResponseUrl));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    public async Task A_reply_Slack_refuses_with_a_4xx_is_failed_and_never_sent_again(int status)
    {
        await using var outbox = await Outbox.StartAsync();
        outbox.Slack.FailNext($"response_url:{Url}", status);

        await outbox.RespondAsync("refused");
        await outbox.IdleAsync();
        outbox.Clock.Advance(TimeSpan.FromMinutes(5));
        await outbox.Sender.ResendDueAsync(CancellationToken.None);

        Assert.Single(outbox.Slack.Calls, c => c.Method == $"response_url:{Url}");
        Assert.Equal("Failed", Assert.Single(await outbox.RowsAsync()).State);
        Assert.Contains(outbox.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("not sent again", StringComparison.Ordinal));
        outbox.AssertNoResponseUrlLogged();
    }

    [Fact]
    public async Task A_reply_answered_with_a_5xx_is_tried_again_after_a_growing_wait_until_Slack_takes_it()
    {
        await using var outbox = await Outbox.StartAsync();
        outbox.Slack.FailNext($"response_url:{Url}", 503, times: 2);

        await outbox.RespondAsync("retried");
        await outbox.IdleAsync();
        Assert.Equal(("Pending", 1), Of(Assert.Single(await outbox.RowsAsync())));
        await outbox.Sender.ResendDueAsync(CancellationToken.None); // not due yet: nothing goes
        Assert.Single(outbox.Slack.Calls);

        outbox.Clock.Advance(TimeSpan.FromSeconds(2));
        await outbox.Sender.ResendDueAsync(CancellationToken.None);
        Assert.Equal(("Pending", 2), Of(Assert.Single(await outbox.RowsAsync())));
        outbox.Clock.Advance(TimeSpan.FromSeconds(2)); // the second wait is longer (4 s)
        await outbox.Sender.ResendDueAsync(CancellationToken.None);
        Assert.Equal(2, outbox.Slack.Calls.Count);
        outbox.Clock.Advance(TimeSpan.FromSeconds(2));
        await outbox.Sender.ResendDueAsync(CancellationToken.None);

        Assert.Equal(3, outbox.Slack.Calls.Count(c => c.Method == $"response_url:{Url}"));
        Assert.Equal(("Done", 3), Of(Assert.Single(await outbox.RowsAsync())));
        outbox.AssertNoResponseUrlLogged();
    }

    [Fact]
    public async Task An_answer_through_the_Web_API_answered_with_a_5xx_is_tried_again()
    {
        await using var outbox = await Outbox.StartAsync();
        outbox.Slack.FailNext("chat.postEphemeral", 502);

        await outbox.Sender.SendAsync("mention answer", SlackDestination.Api("chat.postEphemeral"),
            OutgoingJson.From(new JsonObject { ["channel"] = "C1", ["user"] = "U1", ["text"] = "answer" }));
        await outbox.IdleAsync();
        outbox.Clock.Advance(TimeSpan.FromSeconds(2));
        await outbox.Sender.ResendDueAsync(CancellationToken.None);

        Assert.Equal(2, outbox.Slack.Calls.Count(c => c.Method == "chat.postEphemeral"));
        Assert.Equal(("Done", 2), Of(Assert.Single(await outbox.RowsAsync())));
    }

    [Theory]
    [InlineData("internal_error", true)]
    [InlineData("service_unavailable", true)]
    [InlineData("channel_not_found", false)]
    public async Task An_answer_Slack_turns_down_with_ok_false_is_tried_again_only_for_Slacks_own_passing_troubles(string error, bool triedAgain)
    {
        await using var outbox = await Outbox.StartAsync();
        outbox.Slack.Answer("chat.postMessage", new JsonObject { ["ok"] = false, ["error"] = error });

        await outbox.Sender.SendAsync("direct message answer", SlackDestination.Api("chat.postMessage"),
            OutgoingJson.From(new JsonObject { ["channel"] = "D1", ["text"] = "answer" }));
        await outbox.IdleAsync();
        outbox.Slack.StopAnswering("chat.postMessage");
        outbox.Clock.Advance(TimeSpan.FromSeconds(2));
        await outbox.Sender.ResendDueAsync(CancellationToken.None);

        Assert.Equal(triedAgain ? 2 : 1, outbox.Slack.Calls.Count(c => c.Method == "chat.postMessage"));
        Assert.Equal(triedAgain ? "Done" : "Failed", Assert.Single(await outbox.RowsAsync()).State);
    }

    [Fact]
    public async Task A_reply_older_than_a_response_url_lasts_is_not_sent_and_is_failed_with_a_warning()
    {
        await using var outbox = await Outbox.StartAsync();
        outbox.Slack.Down = true;

        await outbox.RespondAsync("too late");
        await outbox.IdleAsync();
        outbox.Slack.Down = false;
        outbox.Clock.Advance(SlackOutbox.Window + TimeSpan.FromSeconds(1));
        await outbox.Sender.ResendDueAsync(CancellationToken.None);

        Assert.Single(outbox.Slack.Calls); // the first try, while Slack was down
        Assert.Equal("Failed", Assert.Single(await outbox.RowsAsync()).State);
        Assert.Contains(outbox.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("older than the 30 minutes", StringComparison.Ordinal));
        outbox.AssertNoResponseUrlLogged();
    }

    [Fact]
    public async Task A_reply_a_crashed_instance_left_is_sent_by_one_of_two_instances_once_its_lease_ran_out()
    {
        await using var outbox = await Outbox.StartAsync();
        var crashed = new OutboxReply(Guid.NewGuid(), "result reply", OutboxReply.ResponseUrlMethod, outbox.Slack.ResponseUrl(Url),
            """{"text":"left behind"}""", outbox.Clock.GetUtcNow(), 1);
        await using (var scope = outbox.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISlackOutboxStore>().AddAsync(crashed, outbox.Clock.GetUtcNow() + Outbox.Lease, CancellationToken.None);
        var other = outbox.Another();

        await outbox.Sender.ResendDueAsync(CancellationToken.None); // still leased to the crashed instance
        Assert.Empty(outbox.Slack.Calls);
        outbox.Clock.Advance(Outbox.Lease);
        await Task.WhenAll(outbox.Sender.ResendDueAsync(CancellationToken.None), other.ResendDueAsync(CancellationToken.None));

        Assert.Equal("left behind", Assert.Single(outbox.Slack.Calls).Body["text"]!.GetValue<string>());
        Assert.Equal(("Done", 2), Of(Assert.Single(await outbox.RowsAsync())));
    }

    [Fact]
    public async Task A_row_sent_again_after_a_slow_one_holds_a_whole_lease_from_its_own_claim()
    {
        await using var outbox = await Outbox.StartAsync();
        var start = outbox.Clock.GetUtcNow();
        await outbox.LeftByACrashAsync("chat.postMessage", """{"channel":"C1","text":"slow"}""", start + Outbox.Lease);
        await outbox.LeftByACrashAsync("chat.postEphemeral", """{"channel":"C1","user":"U1","text":"next"}""", start + Outbox.Lease + TimeSpan.FromSeconds(1));
        outbox.Clock.Advance(Outbox.Lease + TimeSpan.FromSeconds(1));
        var resumed = outbox.Clock.GetUtcNow();
        outbox.Slack.RateLimit("chat.postMessage", 2, 30); // the first row's send waits a minute
        var next = outbox.Slack.HoldNext("chat.postEphemeral");

        var run = outbox.Sender.ResendDueAsync(CancellationToken.None);
        while (!next.IsCompleted)
        {
            outbox.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }
        outbox.Clock.Advance(resumed + Outbox.Lease + TimeSpan.FromSeconds(1) - outbox.Clock.GetUtcNow()); // past a lease taken when the run began
        await outbox.Another().ResendDueAsync(CancellationToken.None);

        Assert.Equal("slow", outbox.Slack.Calls.Last(c => c.Method == "chat.postMessage").Body["text"]!.GetValue<string>());
        Assert.DoesNotContain(outbox.Slack.Calls, c => c.Method == "chat.postEphemeral"); // still the first instance's, not sent twice
        outbox.Slack.ReleaseHeld();
        await run;
    }

    [Fact]
    public async Task A_reply_whose_send_a_stopping_bot_cut_short_is_sent_by_the_next_instance_at_once_not_after_the_lease()
    {
        await using var outbox = await Outbox.StartAsync();
        var held = outbox.Slack.HoldNext($"response_url:{Url}");
        await outbox.RespondAsync("replaced");
        await held.WaitAsync(TimeSpan.FromSeconds(15));

        outbox.Lifetime.StopApplication();
        await outbox.IdleAsync();
        await outbox.Another().ResendDueAsync(CancellationToken.None); // the clock has not moved: the lease has not run out

        Assert.Equal("replaced", Assert.Single(outbox.Slack.Calls).Body["text"]!.GetValue<string>());
        Assert.Equal(("Done", 2), Of(Assert.Single(await outbox.RowsAsync())));
    }

    [Fact]
    public async Task A_message_is_given_back_once_its_send_is_over_whether_it_went_or_failed()
    {
        await using var outbox = await Outbox.StartAsync();
        var sent = OutgoingJson.From(new JsonObject { ["text"] = "sent" });
        var failed = OutgoingJson.From(new JsonObject { ["text"] = "failed" });
        var written = OutgoingJson.From(new JsonObject { ["text"] = "written down" });
        var seen = new List<string>();

        outbox.Sender.Send("answer", sent, (message, _) =>
        {
            lock (seen) seen.Add(message.ToString());
            return Task.CompletedTask;
        });
        outbox.Sender.Send("answer", failed, (message, _) =>
        {
            lock (seen) seen.Add(message.ToString());
            throw new HttpRequestException("Slack is down");
        });
        await outbox.Sender.SendAsync("answer", SlackDestination.Respond(outbox.Slack.ResponseUrl(Url)), written);
        await outbox.IdleAsync();

        Assert.Equal(["""{"text":"failed"}""", """{"text":"sent"}"""], seen.Order());
        Assert.Throws<ObjectDisposedException>(() => sent.Utf8);
        Assert.Throws<ObjectDisposedException>(() => failed.Utf8);
        Assert.Throws<ObjectDisposedException>(() => written.Utf8);
    }

    private static (string, int) Of(Row row) => (row.State, row.Attempts);

    private sealed record Row(string State, long AttemptsRead, string Body, string? ResponseUrl)
    {
        public int Attempts => (int)AttemptsRead;
    }

    /// <summary>An outbox on its own SQLite database, sending to a <see cref="FakeSlack"/>, on a clock the test moves.</summary>
    private sealed class Outbox : IAsyncDisposable
    {
        public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

        private readonly SqliteTestDatabase _database;
        private readonly DatabaseOptions _options;

        private Outbox(FakeSlack slack, SqliteTestDatabase database, DatabaseOptions options)
        {
            (Slack, _database, _options) = (slack, database, options);
            var services = new ServiceCollection().AddSingleton<TimeProvider>(Clock).AddLogging(logging => logging.AddProvider(Logs)).AddPersistence(options);
            SlackApi.AddClient(services);
            Services = services.BuildServiceProvider();
            Sender = Another(Lifetime);
        }

        public FakeSlack Slack { get; }
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
        public CollectedLogs Logs { get; } = new();
        public ServiceProvider Services { get; }
        public SlackOutbox Sender { get; }

        /// <summary>The lifetime of <see cref="Sender"/>'s instance: stopping it cancels its sends, as a shutdown does.</summary>
        public Running Lifetime { get; } = new();

        public static async Task<Outbox> StartAsync()
        {
            var database = new SqliteTestDatabase();
            var options = await database.CreateAsync();
            DatabaseStartup.Migrate(options, NullLogger.Instance);
            return new Outbox(await FakeSlack.StartAsync(), database, options);
        }

        /// <summary>Another instance on the same database.</summary>
        public SlackOutbox Another(Running? lifetime = null)
        {
            var loggers = Services.GetRequiredService<ILoggerFactory>();
            var api = new SlackApi(Services.GetRequiredService<IHttpClientFactory>(), new SlackSettings("secret", "xoxb-test", Slack.ApiBaseUrl, null),
                Clock, loggers.CreateLogger<SlackApi>());
            return new SlackOutbox(Services.GetRequiredService<IServiceScopeFactory>(), api, new SlackOutboxTimes(Lease, TimeSpan.FromSeconds(5)),
                Clock, new SequentialIds(), lifetime ?? new Running(), loggers.CreateLogger<SlackOutbox>());
        }

        /// <summary>A row an instance wrote down and crashed before sending, leased until <paramref name="leaseUntil"/>.</summary>
        public async Task LeftByACrashAsync(string method, string body, DateTimeOffset leaseUntil)
        {
            await using var scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ISlackOutboxStore>().AddAsync(
                new OutboxReply(Guid.NewGuid(), "answer", method, null, body, Clock.GetUtcNow(), 1), leaseUntil, CancellationToken.None);
        }

        public Task RespondAsync(string text) =>
            Sender.SendAsync("result reply", SlackDestination.Respond(Slack.ResponseUrl(Url)), OutgoingJson.From(new JsonObject { ["text"] = text }));

        public Task IdleAsync() => Sender.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(15));

        public async Task<IReadOnlyList<Row>> RowsAsync()
        {
            await using var connection = SqlDialect.For(_options.Provider).CreateConnection(_options.ConnectionString);
            return [.. await connection.QueryAsync<Row>("SELECT state, attempts AS attempts_read, body, response_url FROM slack_outbox")];
        }

        public void AssertNoResponseUrlLogged() =>
            Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains(Slack.ResponseUrl(Url), StringComparison.Ordinal));

        public async ValueTask DisposeAsync()
        {
            Slack.ReleaseHeld();
            await Sender.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await Services.DisposeAsync();
            await _database.DisposeAsync();
            await Slack.DisposeAsync();
        }
    }

    private sealed class Running : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => _stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => _stopping.Cancel();
    }
}
