using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Local;

/// <summary>
/// Finished slow work for the local chat: the page showed a progress card and asks for the result by id,
/// so the result is kept in the database where any instance can answer.
/// </summary>
public sealed class LocalReplyChannel(IServiceScopeFactory scopes, CardRenderer cards) : IReplyChannel
{
    public const string Name = "local";

    public string Channel => Name;

    public static ReplyAddress AddressFor(Guid id) => new(Name, JsonSerializer.Serialize(new { id }));

    public async Task DeliverAsync(ReplyAddress address, Reply reply, CancellationToken ct)
    {
        if (!Guid.TryParse(JsonNode.Parse(address.Json)?["id"]?.GetValue<string>(), out var id))
            throw new InvalidOperationException("A local reply address has no id.");
        await using var scope = scopes.CreateAsyncScope();
        using var answer = LocalChat.Answer(reply, cards);
        await scope.ServiceProvider.GetRequiredService<ILocalReplyStore>().SaveAsync(id, answer.ToString(), ct);
    }

    /// <summary>The local chat only answers the page that asked: it has no conversations to post into.</summary>
    public Task<ReplyAddress> PostToAsync(string destination, Reply reply, CancellationToken ct) =>
        throw new InvalidOperationException($"The local chat cannot post to '{destination}': it only answers the page that asked.");
}
