namespace NumbersBot.Bot.Channels.Local;

/// <summary>
/// The local chat's finished slow work, by the id the page polls with, kept in the database so any instance can answer.
/// The reply is the JSON the page expects (<see cref="LocalChat.Answer"/>).
/// </summary>
public interface ILocalReplyStore
{
    /// <summary>Keeps the reply for <paramref name="id"/>, replacing an earlier one.</summary>
    Task SaveAsync(Guid id, string replyJson, CancellationToken ct);

    /// <summary>The reply kept for <paramref name="id"/>, or null while the work goes on.</summary>
    Task<string?> FindAsync(Guid id, CancellationToken ct);
}
