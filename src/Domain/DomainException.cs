namespace NumbersBot.Domain;

/// <summary>Why the domain said no; channels map it to a card, never to a stack trace.</summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    NoIntegration,
    ProviderFailed,
    /// <summary>The provider may or may not have done it; it is being checked, so do not try again yet.</summary>
    OutcomeUnknown,
    /// <summary>
    /// The database gave way to another change that reached the same rows at the same moment (a deadlock victim): what this
    /// was writing was undone, and the message says whether anything before it was kept.
    /// </summary>
    Busy,
}

/// <summary>A refusal with a message written for the person who asked.</summary>
public sealed class DomainException(RefusalKind kind, string message, Exception? cause = null) : Exception(message, cause)
{
    public RefusalKind Kind { get; } = kind;

    /// <summary>The provider's own error code (Twilio's 20429, say), for the server log; null when there is none.</summary>
    public string? ProviderCode { get; init; }

    /// <summary>Which of the command's inputs was wrong (nameof the property, e.g. AreaCode), so a form shows it beside that field.</summary>
    public string? Input { get; init; }

    /// <summary>The project the refusal is about, when the way out is on that project's card (choosing its telephony).</summary>
    public string? ProjectId { get; init; }

    public static DomainException InvalidInput(string input, string message) => new(RefusalKind.Invalid, message) { Input = input };

    public static DomainException Invalid(string message) => new(RefusalKind.Invalid, message);
    public static DomainException NotFound(string message) => new(RefusalKind.NotFound, message);
    public static DomainException Conflict(string message) => new(RefusalKind.Conflict, message);
    public static DomainException Forbidden(string message) => new(RefusalKind.Forbidden, message);

    /// <summary>A conditional write lost a race: someone changed the same thing first.</summary>
    public static DomainException Changed(string what) =>
        new(RefusalKind.Conflict, $"{what} was changed by someone else a moment ago, so nothing was done. Here is how it stands now.");
}
