using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Channels;
using NumbersBot.Bot.Channels.Slack;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>What is handed to the outbox is the outbox's: the send only uses it, the outbox gives it back when the send is over.</summary>
public class SlackOutboxTests
{
    [Fact]
    public async Task A_message_is_given_back_once_its_send_is_over_whether_it_went_or_failed()
    {
        var outbox = new SlackOutbox(new Running(), NullLogger<SlackOutbox>.Instance);
        var sent = OutgoingJson.From(new JsonObject { ["text"] = "sent" });
        var failed = OutgoingJson.From(new JsonObject { ["text"] = "failed" });
        var seen = new List<string>();

        outbox.Send("answer", sent, (message, _) =>
        {
            lock (seen) seen.Add(message.ToString());
            return Task.CompletedTask;
        });
        outbox.Send("answer", failed, (message, _) =>
        {
            lock (seen) seen.Add(message.ToString());
            throw new HttpRequestException("Slack is down");
        });
        await outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(["""{"text":"failed"}""", """{"text":"sent"}"""], seen.Order());
        Assert.Throws<ObjectDisposedException>(() => sent.Utf8);
        Assert.Throws<ObjectDisposedException>(() => failed.Utf8);
    }

    private sealed class Running : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() { }
    }
}
