namespace NumbersBot.Domain.Access;

/// <summary>
/// Names a person the bot has not met, from the channel they belong to (Slack's member directory, say). A configured
/// admin who never wrote to the bot is otherwise known only by an id no colleague recognises.
/// </summary>
public interface IPeopleDirectory
{
    /// <summary>The person's name, or null when their channel cannot say (quickly).</summary>
    Task<string?> NameOfAsync(UserRef user, CancellationToken ct);
}
