using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Bot.Tests.Telephony.Crashes;

namespace NumbersBot.Bot.Tests.Channels.Slack;

/// <summary>
/// The bot's process dies after it acknowledged a click, while Slack has not yet answered the reply to it: the action is
/// saved, and the bot started again on the same database sends the reply, once. One real process at a time (the collection).
/// </summary>
[Collection(KilledBots.Collection)]
public class SlackKilledMidReplyTests
{
    private const string Number = "+14155550101";

    [Fact]
    public async Task Killed_before_Slack_answered_the_reply_to_a_delete_the_restarted_bot_sends_it_exactly_once()
    {
        await using var slack = await FakeSlack.StartAsync();
        var process = BotProcess.Start("Development",
            ("Demo__Seed", "true"),
            ("Access__Admins__0", $"slack:{SlackBot.Team}:{SlackBot.Admin}"),
            ("Slack__SigningSecret", SlackSigner.Secret),
            ("Slack__BotToken", "xoxb-test"),
            ("Slack__ApiBaseUrl", slack.ApiBaseUrl.ToString()),
            ("Slack__Outbox__LeaseSeconds", "2"), // a reply the dead process held is soon the next one's
            ("Slack__Outbox__EverySeconds", "1"));
        try
        {
            var client = new HttpClient { BaseAddress = await process.ListeningAsync() };
            var confirm = await DeleteConfirmationAsync(client, slack, process);
            var held = slack.HoldNext("response_url:confirm");

            using (var acknowledged = await client.SendAsync(SlackBot.Signed("/api/slack/interactions",
                       SlackBot.Interaction(SlackBot.Click(confirm, "confirm", slack.ResponseUrl("confirm"))))))
                Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            Assert.Contains("Deleted +1 415-555-0101", Blocks.AllText((await held.WaitAsync(KilledBots.Patience)).Body));
            Assert.Equal("Sending", await OutboxStateAsync(process)); // written down before the acknowledgement went
            client.Dispose();
            process = await process.CrashAndRestartAsync();
            await process.ListeningAsync();

            var reply = await slack.WaitForAsync(c => c.Method == "response_url:confirm", KilledBots.Patience);
            await UntilAsync(async () => await OutboxStateAsync(process) == "Done", "the reply was not marked done");
            await Task.Delay(TimeSpan.FromSeconds(3)); // three more rounds of the outbox job: none may send it again

            Assert.Single(slack.Calls, c => c.Method == "response_url:confirm");
            Assert.Single(slack.Held);
            Assert.True(reply.Body["replace_original"]!.GetValue<bool>());
            Assert.Contains("Deleted +1 415-555-0101", Blocks.AllText(reply.Body));
            Assert.Null(await IdOfAsync(process, Number));
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>/numbers, then Delete on the number's row: the confirmation message's Confirm button.</summary>
    private static async Task<JsonObject> DeleteConfirmationAsync(HttpClient client, FakeSlack slack, BotProcess process)
    {
        using var numbers = await client.SendAsync(SlackBot.Signed("/api/slack/commands", SlackBot.Command("", slack.ResponseUrl("command"))));
        Assert.Equal(HttpStatusCode.OK, numbers.StatusCode);
        var card = (JsonObject)JsonNode.Parse(await numbers.Content.ReadAsStringAsync())!;
        var id = await IdOfAsync(process, Number);
        var row = Blocks.Button(card, "number.delete:", b => Blocks.Value(b)["numberId"]!.GetValue<string>() == id);
        using (var clicked = await client.SendAsync(SlackBot.Signed("/api/slack/interactions",
                   SlackBot.Interaction(SlackBot.Click(row, "row", slack.ResponseUrl("row"))))))
            Assert.Equal(HttpStatusCode.OK, clicked.StatusCode);
        var message = (await slack.WaitForAsync(c => c.Method == "response_url:row", KilledBots.Patience)).Body;
        return Blocks.Button(message, "number.delete.confirm:");
    }

    private static async Task<string?> IdOfAsync(BotProcess process, string e164)
    {
        await using var db = await OpenAsync(process);
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT id FROM numbers WHERE e164 = $e164";
        read.Parameters.AddWithValue("$e164", e164);
        return await read.ExecuteScalarAsync() as string;
    }

    /// <summary>The state of the outbox's latest row: the reply to the confirm click.</summary>
    private static async Task<string?> OutboxStateAsync(BotProcess process)
    {
        await using var db = await OpenAsync(process);
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT state FROM slack_outbox ORDER BY created_at DESC LIMIT 1";
        return await read.ExecuteScalarAsync() as string;
    }

    private static async Task<SqliteConnection> OpenAsync(BotProcess process)
    {
        var db = new SqliteConnection($"Data Source={process.DatabaseFile};Mode=ReadOnly;Pooling=False");
        await db.OpenAsync();
        return db;
    }

    private static async Task UntilAsync(Func<Task<bool>> done, string otherwise)
    {
        using var patience = new CancellationTokenSource(KilledBots.Patience);
        while (!await done())
        {
            if (patience.IsCancellationRequested) Assert.Fail($"{otherwise} within {KilledBots.Patience.TotalSeconds} s");
            await Task.Delay(100);
        }
    }
}
