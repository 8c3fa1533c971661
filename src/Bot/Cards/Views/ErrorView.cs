using NumbersBot.Domain;

namespace NumbersBot.Bot.Cards.Views;

/// <summary>
/// A refusal in plain words. Kind: invalid, notFound, conflict, forbidden, noIntegration, providerFailed, outcomeUnknown, busy. With a project,
/// the card leads to its settings, where what was missing is set.
/// </summary>
public sealed record ErrorView(string Title, string Message, string Kind, ProjectRef? Project)
{
    public static ErrorView From(DomainException refusal, ProjectRef? project) => new(
        refusal.Kind switch
        {
            RefusalKind.Forbidden => "Not allowed",
            RefusalKind.NoIntegration => "No telephony integration",
            RefusalKind.NotFound => "Not found",
            RefusalKind.Conflict => "Already changed",
            RefusalKind.ProviderFailed => "The telephony provider said no",
            RefusalKind.OutcomeUnknown => "Still being checked",
            RefusalKind.Busy => "The database was busy",
            _ => "That did not work",
        },
        refusal.Message,
        char.ToLowerInvariant(refusal.Kind.ToString()[0]) + refusal.Kind.ToString()[1..],
        project);
}
