using NumbersBot.Domain;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Conversation;

/// <summary>
/// What someone asked for, whatever the channel: who, which verb, and the button's data merged with form inputs.
/// </summary>
public sealed record ConversationRequest(Actor Actor, string Verb, IReadOnlyDictionary<string, string?> Data)
{
    /// <summary>The channel's id of the conversation it came from ("" when unknown): choices are remembered per conversation.</summary>
    public string Conversation { get; init; } = "";

    /// <summary>
    /// The viewer's time zone as their channel gave it (an IANA id: Teams localTimezone, Slack users.info tz, the browser's),
    /// or null; the cards of this turn show times in it.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>How this viewer reads times.</summary>
    public Cards.Views.ViewerTime Time => Cards.Views.ViewerTime.In(TimeZone);

    public string? Optional(string key) =>
        Data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A missing value means a malformed or outdated button, which deserves a plain answer.</summary>
    public string Required(string key) =>
        Optional(key) ?? throw DomainException.Invalid($"This request is missing '{key}'. The card may be out of date: ask for `numbers` again.");

    public Guid RequiredId(string key) =>
        Guid.TryParse(Required(key), out var id)
            ? id
            : throw DomainException.Invalid($"'{Required(key)}' is not a valid {key}. The card may be out of date: ask for `numbers` again.");

    public int? OptionalInt(string key) =>
        Optional(key) is not { } text ? null
        : int.TryParse(text, out var value) && value >= 0 ? value
        : throw DomainException.Invalid($"'{text}' is not a valid {key}.");
}
