using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Tests.Conversation;

public class ApprovalNotificationTests
{
    private static readonly Actor Carol = new(UserRef.Local("carol"), "Carol (numbers editor)");

    [Fact]
    public async Task A_new_request_to_delete_a_live_number_is_posted_to_the_approvers_once()
    {
        var notifier = new RecordingNotifier();
        using var app = new NumbersBotApp().WithServices(s => s.AddSingleton<IApprovalNotifier>(notifier));
        app.CreateClient();
        var live = (await AskAsync(app, Verbs.ShowNumbers, [])).Environments[2].Numbers[0];
        var delete = new Dictionary<string, string?> { [Keys.Project] = "demo", [Keys.NumberId] = live.Id };

        await AskAsync(app, Verbs.DeleteConfirmed, delete);
        await AskAsync(app, Verbs.DeleteConfirmed, delete); // asking again finds the open request

        var posted = Assert.Single(notifier.Requests);
        Assert.Equal(live.E164, posted.Number);
        Assert.Equal("Carol (numbers editor)", posted.RequestedByName);
    }

    [Fact]
    public async Task A_notifier_that_fails_does_not_undo_the_request()
    {
        var notifier = new RecordingNotifier { Fail = true };
        using var app = new NumbersBotApp().WithServices(s => s.AddSingleton<IApprovalNotifier>(notifier));
        app.CreateClient();
        var live = (await AskAsync(app, Verbs.ShowNumbers, [])).Environments[2].Numbers[0];

        var page = await AskAsync(app, Verbs.DeleteConfirmed, new() { [Keys.Project] = "demo", [Keys.NumberId] = live.Id });

        Assert.Contains("needs a second person's approval", page.Notice!.Text);
        Assert.True(page.Environments[2].Numbers.Single(n => n.Id == live.Id).PendingApproval);
    }

    private static async Task<NumbersView> AskAsync(NumbersBotApp app, string verb, Dictionary<string, string?> data)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var reply = await scope.ServiceProvider.GetRequiredService<ConversationRouter>().HandleAsync(new ConversationRequest(Carol, verb, data), default);
        return (NumbersView)reply.Model;
    }

    private sealed class RecordingNotifier : IApprovalNotifier
    {
        public List<ApprovalRequest> Requests { get; } = [];
        public bool Fail { get; init; }

        public Task<bool> NotifyPendingAsync(ApprovalRequest request, CancellationToken ct)
        {
            if (Fail) throw new HttpRequestException("the approvers' channel is down");
            Requests.Add(request);
            return Task.FromResult(true);
        }
    }
}
