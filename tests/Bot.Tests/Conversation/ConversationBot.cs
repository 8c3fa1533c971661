using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Tests.Hosting;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Tests.Conversation;

/// <summary>The demo bot asked through its router, as any channel asks it: typed lines and button clicks by the demo people.</summary>
public sealed class ConversationBot : IDisposable
{
    public static readonly Actor Alice = new(UserRef.Local("alice"), "Alice (admin)");
    public static readonly Actor Bob = new(UserRef.Local("bob"), "Bob (admin)");
    public static readonly Actor Carol = new(UserRef.Local("carol"), "Carol (numbers editor)");
    public static readonly Actor Dave = new(UserRef.Local("dave"), "Dave (read only)");
    public static readonly Actor Erin = new(UserRef.Local("erin"), "Erin (no access)");

    private readonly NumbersBotApp _app;

    public ConversationBot(Action<NumbersBotApp>? configure = null)
    {
        _app = new NumbersBotApp();
        configure?.Invoke(_app);
        _app.CreateClient();
    }

    public async Task<Reply> TypeAsync(Actor actor, string text)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationRouter>().HandleAsync(TextCommands.Request(actor, text), default);
    }

    public async Task<Reply> ClickAsync(Actor actor, string verb, params (string Key, string? Value)[] data)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationRouter>()
            .HandleAsync(new ConversationRequest(actor, verb, data.ToDictionary(d => d.Key, d => d.Value)), default);
    }

    public async Task<T> ModelAsync<T>(Task<Reply> reply, string view)
    {
        var answer = await reply;
        Assert.Equal(view, answer.View);
        return Assert.IsType<T>(answer.Model);
    }

    public void Dispose() => _app.Dispose();
}
