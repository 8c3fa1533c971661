using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Conversation;

/// <summary>The pipeline on the real bot (demo data), through a surface and a deferred queue that only write down what happens.</summary>
public class TurnPipelineTests
{
    private static readonly Actor Alice = new(UserRef.Local("alice"), "Alice (admin)");

    private static ConversationRequest Request(string verb, params (string Key, string? Value)[] data) =>
        new(Alice, verb, data.ToDictionary(d => d.Key, d => d.Value));

    private static ConversationRequest BuyUkNumber(string requestKey) => Request(Verbs.AddNumber,
        (Keys.Project, "demo"), (Keys.Environment, "Sandbox"), (Keys.Country, "UK"), (Keys.RequestKey, requestKey));

    [Fact]
    public async Task A_slow_verb_shows_progress_first_then_stores_the_work_with_where_the_progress_is()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k1")));

        Assert.Equal(["replace result", "enqueue number.add at shown-1"], test.Events);
        var progress = (ResultView)test.Shown.Single().Model;
        Assert.True(test.Shown.Single().InProgress);
        Assert.Equal("Buying a UK number for Sandbox…", progress.Title);
        Assert.Equal(new ProjectRef("demo", "Demo Agent"), progress.Project);
        Assert.Contains(new Fact("Project", "Demo Agent"), progress.Facts);
    }

    [Fact]
    public async Task A_slow_verb_on_a_surface_that_cannot_say_where_its_progress_is_gets_the_result_in_line()
    {
        await using var test = Pipeline.Start(addresses: false);

        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k2")));

        Assert.Equal(["replace result", "post numbers"], test.Events);
        Assert.Contains("Added +44 7700", ((NumbersView)test.Shown[1].Model).Notice!.Text);
    }

    [Fact]
    public async Task Each_turn_is_counted_by_its_channel_and_verb_for_the_operators()
    {
        // The meter is process-wide: only this test's channel is kept, so tests running beside it do not count.
        var counted = new System.Collections.Concurrent.ConcurrentQueue<(string?, string?, long)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == NumbersBot.Bot.Hosting.Telemetry.Name && instrument.Name == NumbersBot.Bot.Hosting.Telemetry.TurnsName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? channel = null, verb = null;
            foreach (var tag in tags)
                if (tag.Key == "channel") channel = tag.Value as string;
                else if (tag.Key == "verb") verb = tag.Value as string;
            if (channel == "turn-count") counted.Enqueue((channel, verb, value));
        });
        listener.Start();
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Typed("turn-count", "message-1", Alice, "numbers demo"));
        await test.HandleAsync(Turn.Click("turn-count", "click-1", Request("no.such.verb")));

        Assert.Equal([("turn-count", Verbs.ShowNumbers, 1L), ("turn-count", "unknown", 1L)], counted);
    }

    [Fact]
    public async Task A_redelivered_typed_message_does_nothing()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Typed("test", "message-1", Alice, "numbers demo"));
        await test.HandleAsync(Turn.Typed("test", "message-1", Alice, "numbers demo"));

        Assert.Equal(["post numbers"], test.Events);
        Assert.False(test.Shown.Single().ReplacesCard);
    }

    [Fact]
    public async Task A_redelivered_click_that_changes_something_acts_once_and_shows_how_things_stand_with_a_note()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k3")));
        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k3")));

        Assert.Equal(["replace result", "enqueue number.add at shown-1", "replace numbers"], test.Events);
        Assert.Equal(TurnPipeline.RepeatedClickNote, ((NumbersView)test.Shown[1].Model).Notice!.Text);
    }

    [Fact]
    public async Task The_same_delivery_id_in_another_channel_is_another_delivery()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Typed("one", "message-1", Alice, "approvals"));
        await test.HandleAsync(Turn.Typed("two", "message-1", Alice, "approvals"));

        Assert.Equal(["post approvals", "post approvals"], test.Events);
    }

    [Fact]
    public async Task A_repeated_click_sees_the_card_its_verb_declares_as_showing_what_it_changes()
    {
        await using var test = Pipeline.Start();
        var deny = Request(Verbs.Deny, (Keys.ApprovalId, Guid.NewGuid().ToString()), (Keys.Project, "demo"));

        await test.HandleAsync(Turn.Click("test", "click-5", deny));
        await test.HandleAsync(Turn.Click("test", "click-5", deny));

        Assert.Equal("replace approvals", test.Events[^1]);
        Assert.Equal(TurnPipeline.RepeatedClickNote, ((ApprovalsView)test.Shown[^1].Model).Notice!.Text);
    }

    [Fact]
    public async Task Slow_work_that_could_not_be_stored_is_reported_after_its_progress()
    {
        await using var test = Pipeline.Start(storing: false);

        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k4")));

        Assert.Equal(["replace result", "post error"], test.Events);
        Assert.Equal("That did not start", ((ErrorView)test.Shown[1].Model).Title);
    }

    [Fact]
    public async Task A_redelivered_click_while_the_database_fails_is_answered_with_a_sentence()
    {
        await using var test = Pipeline.Start();
        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k5")));
        await test.BreakStorageAsync("ALTER TABLE numbers RENAME TO numbers_gone");

        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k5")));

        Assert.Equal(["replace result", "enqueue number.add at shown-1", "replace error"], test.Events);
        Assert.Equal("Something went wrong", ((ErrorView)test.Shown[^1].Model).Title);
    }

    [Fact]
    public async Task Slow_work_whose_progress_cannot_be_read_is_answered_with_a_sentence_and_not_stored()
    {
        await using var test = Pipeline.Start();
        await test.BreakStorageAsync("ALTER TABLE projects RENAME TO projects_gone");

        await test.HandleAsync(Turn.Click("test", "click-1", BuyUkNumber("k6")));

        Assert.Equal(["post error"], test.Events);
        Assert.Equal("Something went wrong", ((ErrorView)test.Shown.Single().Model).Title);
    }

    [Fact]
    public async Task A_redelivered_click_that_only_reads_is_answered_again()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Click("test", "click-1", Request(Verbs.ShowNumbers, (Keys.Project, "demo"))));
        await test.HandleAsync(Turn.Click("test", "click-1", Request(Verbs.ShowNumbers, (Keys.Project, "demo"))));

        Assert.Equal(["replace numbers", "replace numbers"], test.Events);
        Assert.All(test.Shown, reply => Assert.Null(((NumbersView)reply.Model).Notice));
    }

    [Fact]
    public async Task A_reply_that_stands_for_the_card_replaces_it_and_any_other_arrives_as_a_new_message()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Click("test", null, Request(Verbs.ShowNumbers, (Keys.Project, "demo"))));
        await test.HandleAsync(Turn.Click("test", null, Request(Verbs.ShowHistory, (Keys.Number, "+447700900101"))));

        Assert.Equal(["replace numbers", "post history"], test.Events);
    }

    [Fact]
    public async Task A_refresh_always_replaces_the_card()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Refresh("test", null, Request(Verbs.ShowHistory, (Keys.Number, "+447700900101"))));

        Assert.Equal(["replace history"], test.Events);
    }

    [Fact]
    public async Task Only_a_reply_to_a_verb_that_changes_something_says_the_state_changed()
    {
        await using var test = Pipeline.Start();
        var page = await test.NumbersAsync();
        var number = page.Environments.Single(e => e.Key == "Sandbox").Numbers[0];

        await test.HandleAsync(Turn.Click("test", null, Request(Verbs.ShowNumbers, (Keys.Project, "demo"))));
        await test.HandleAsync(Turn.Click("test", null, Request(Verbs.DeleteConfirmed,
            (Keys.Project, "demo"), (Keys.NumberId, number.Id), (Keys.Version, number.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.Equal([false, true], test.Shown.Select(r => r.StateChanged));
        Assert.Contains("Deleted", ((NumbersView)test.Shown[1].Model).Notice!.Text);
    }

    [Fact]
    public async Task An_unknown_verb_is_answered_with_help_naming_the_button_and_counts_as_a_change()
    {
        await using var test = Pipeline.Start();

        await test.HandleAsync(Turn.Click("test", "click-9", Request("some.verb.from.a.newer.card")));
        await test.HandleAsync(Turn.Click("test", "click-9", Request("some.verb.from.a.newer.card")));

        Assert.Equal(["replace help", "replace approvals"], test.Events);
        Assert.Contains("some.verb.from.a.newer.card", ((HelpView)test.Shown[0].Model).Unknown);
    }

    [Fact]
    public async Task An_answer_the_channel_already_knows_is_shown_once_per_delivery()
    {
        await using var test = Pipeline.Start();
        var refusal = new Reply(ViewNames.Error, new ErrorView("We could not tell who you are", "…", "forbidden", null), ReplacesCard: false);

        await test.HandleAsync(Turn.Answered(TurnKind.Typed, "test", "message-2", refusal));
        await test.HandleAsync(Turn.Answered(TurnKind.Typed, "test", "message-2", refusal));

        Assert.Equal(["post error"], test.Events);
    }

    [Fact]
    public async Task A_change_the_database_makes_give_way_is_answered_as_the_database_being_busy_with_nothing_changed()
    {
        await using var test = Pipeline.Start(waitsForWritersOneSecond: true);
        await using var otherInstance = await test.WriteHeldElsewhereAsync();

        await test.HandleAsync(Turn.Typed("test", null, Alice, "project new Acme Voice"));

        var answer = (ErrorView)test.Shown.Single().Model;
        Assert.Equal(("The database was busy", "busy"), (answer.Title, answer.Kind));
        Assert.Equal("The database was busy: another change reached the same records at the same moment, and this one gave way, " +
            "so nothing was changed. Try again.", answer.Message);
    }

    /// <summary>A bot with its deferred queue and a surface that write down, in one list, what happened in which order.</summary>
    private sealed class Pipeline : IAsyncDisposable, IReplySurface, IDeferredReplies
    {
        private readonly NumbersBotApp _app;
        private readonly bool _addresses;
        private readonly bool _storing;

        private Pipeline(bool addresses, bool storing, bool waitsForWritersOneSecond)
        {
            _addresses = addresses;
            _storing = storing;
            _app = new NumbersBotApp().WithServices(s => s.AddSingleton<IDeferredReplies>(this));
            if (waitsForWritersOneSecond) _app.With("ConnectionStrings:Numbers", $"Data Source={DatabaseFile};Default Timeout=1");
            _app.CreateClient();
        }

        private string DatabaseFile => Path.Combine(_app.Folder, "numbers.db");

        /// <summary>Another instance in the middle of a write, holding SQLite's write lock until disposed.</summary>
        public async Task<Microsoft.Data.Sqlite.SqliteConnection> WriteHeldElsewhereAsync()
        {
            var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
            await other.OpenAsync();
            await using var begin = other.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync();
            return other;
        }

        public List<string> Events { get; } = [];
        public List<Reply> Shown { get; } = [];

        public static Pipeline Start(bool addresses = true, bool storing = true, bool waitsForWritersOneSecond = false) =>
            new(addresses, storing, waitsForWritersOneSecond);

        public async Task HandleAsync(Turn turn)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TurnPipeline>().HandleAsync(turn, this, CancellationToken.None);
        }

        /// <summary>Stands in for the database failing from now on.</summary>
        public async Task BreakStorageAsync(string sql)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NumbersBot.Bot.Persistence.DbSession>().ExecuteAsync(sql, null, CancellationToken.None);
        }

        public async Task<NumbersView> NumbersAsync()
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var reply = await scope.ServiceProvider.GetRequiredService<ConversationRouter>().HandleAsync(Request(Verbs.ShowNumbers, (Keys.Project, "demo")), default);
            return (NumbersView)reply.Model;
        }

        public Task<ReplyAddress?> ReplaceAsync(Reply reply, CancellationToken ct) => Show("replace", reply);

        public Task<ReplyAddress?> PostAsync(Reply reply, CancellationToken ct) => Show("post", reply);

        public Task EnqueueAsync(ConversationRequest request, ReplyAddress address, CancellationToken ct)
        {
            if (!_storing) throw new InvalidOperationException("the database is down");
            Events.Add($"enqueue {request.Verb} at {address.Json}");
            return Task.CompletedTask;
        }

        private Task<ReplyAddress?> Show(string how, Reply reply)
        {
            Events.Add($"{how} {reply.View}");
            Shown.Add(reply);
            return Task.FromResult(_addresses ? new ReplyAddress("test", $"shown-{Shown.Count}") : null);
        }

        public ValueTask DisposeAsync()
        {
            _app.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
