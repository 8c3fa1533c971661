using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Conversation.Deferred;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Conversation;

public class DeferredReplyTests
{
    private static readonly Actor Alice = new(UserRef.Local("alice"), "Alice (admin)");

    private static ConversationRequest BuyUsNumber(string requestKey) => new(Alice, Verbs.AddNumber, new Dictionary<string, string?>
    {
        [Keys.Project] = "demo", [Keys.Environment] = "Sandbox", [Keys.Country] = "US", [Keys.AreaCode] = "212", [Keys.RequestKey] = requestKey,
    });

    [Fact]
    public async Task A_slow_request_is_finished_in_the_background_and_delivered_to_its_channel()
    {
        var channel = new RecordingChannel();
        using var app = new NumbersBotApp().WithServices(s => s.AddSingleton<IReplyChannel>(channel));
        app.CreateClient();

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeferredReplies>()
                .EnqueueAsync(BuyUsNumber("click-1"), new ReplyAddress("test", "{\"message\":\"m1\"}"), default);

        var (address, reply) = await channel.NextAsync();
        Assert.Equal("{\"message\":\"m1\"}", address.Json);
        Assert.Equal(ViewNames.Numbers, reply.View);
        Assert.Contains("Added +1 212-555-01", ((NumbersView)reply.Model).Notice!.Text);
    }

    [Fact]
    public async Task A_failed_delivery_is_tried_again_and_the_number_is_bought_once()
    {
        var channel = new RecordingChannel { FailuresLeft = 1 };
        using var app = new NumbersBotApp().WithServices(s => s.AddSingleton<IReplyChannel>(channel));
        app.CreateClient();

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeferredReplies>()
                .EnqueueAsync(BuyUsNumber("click-2"), new ReplyAddress("test", "{}"), default);

        var (_, reply) = await channel.NextAsync(TimeSpan.FromSeconds(30));
        var page = (NumbersView)reply.Model;
        // The second run found the purchase of the first instead of buying again.
        Assert.Contains("already added", page.Notice!.Text);
        Assert.Single(page.Environments[0].Numbers, n => n.E164.StartsWith("+1212555", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_test_call_whose_result_was_not_delivered_is_reported_again_without_a_second_call()
    {
        var channel = new RecordingChannel { FailuresLeft = 1 };
        using var app = new NumbersBotApp().WithServices(s => s.AddSingleton<IReplyChannel>(channel));
        app.CreateClient();

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IDeferredReplies>().EnqueueAsync(
                new ConversationRequest(Alice, Verbs.TestCall, new Dictionary<string, string?> { [Keys.Project] = "demo", [Keys.Number] = "+447700900101" }),
                new ReplyAddress("test", "{}"), default);

        var (_, reply) = await channel.NextAsync(TimeSpan.FromSeconds(30));
        var result = (ResultView)reply.Model;
        // The second run found the call the first placed and audited, looked it up, and did not count it again.
        Assert.Equal("Test call to +44 7700 900101: answered", result.Title);
        Assert.Contains(new Fact("Test calls today", "1 of 20 for Demo Agent"), result.Facts);
        await using var reader = app.Services.CreateAsyncScope();
        var history = await reader.ServiceProvider.GetRequiredService<NumbersBot.Domain.Audit.IAuditTrail>().ForNumberAsync("+447700900101", default);
        Assert.Single(history, e => e.Action == NumbersBot.Domain.Telephony.TelephonyAudit.TestCall);
    }

    [Fact]
    public async Task Work_stored_before_a_restart_is_finished_after_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), "numbersbot-tests", Guid.NewGuid().ToString("N"));
        using (var before = new NumbersBotApp(folder))
        {
            before.CreateClient();
            await using var scope = before.Services.CreateAsyncScope();
            // Stored, but the instance stops before its worker runs.
            await scope.ServiceProvider.GetRequiredService<IDeferredReplyQueue>().AddAsync(
                new DeferredReply(Guid.NewGuid(), "test", Verbs.AddNumberConfirmed, Alice.User.Key, Alice.DisplayName,
                    "{\"project\":\"demo\",\"environment\":\"Live\",\"country\":\"UK\",\"requestKey\":\"click-3\"}", "{}", 0),
                DateTimeOffset.UtcNow, default);
        }

        var channel = new RecordingChannel();
        using var after = new NumbersBotApp(folder, ownsFolder: true).WithServices(s => s.AddSingleton<IReplyChannel>(channel));
        after.CreateClient();

        var (_, reply) = await channel.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("to Live", ((NumbersView)reply.Model).Notice!.Text);
    }

    private sealed class RecordingChannel : IReplyChannel
    {
        private readonly BlockingCollection<(ReplyAddress, Reply)> _delivered = new();

        public int FailuresLeft { get; set; }

        public string Channel => "test";

        public Task DeliverAsync(ReplyAddress address, Reply reply, CancellationToken ct)
        {
            if (FailuresLeft-- > 0) throw new HttpRequestException("the channel is down");
            _delivered.Add((address, reply), ct);
            return Task.CompletedTask;
        }

        public Task<ReplyAddress> PostToAsync(string destination, Reply reply, CancellationToken ct) =>
            throw new InvalidOperationException("Deferred replies only answer where they were asked.");

        public Task<(ReplyAddress, Reply)> NextAsync(TimeSpan? within = null) => Task.Run(() =>
            _delivered.TryTake(out var item, within ?? TimeSpan.FromSeconds(15)) ? item : throw new TimeoutException("Nothing was delivered."));
    }
}
