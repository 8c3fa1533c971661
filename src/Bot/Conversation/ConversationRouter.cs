using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain;
using NumbersBot.Domain.Actions;

namespace NumbersBot.Bot.Conversation;

/// <summary>
/// Finds the declared verb (<see cref="Verbs.Declared"/>) and turns every refusal into an answer a person can read.
/// This is the one place a <see cref="DomainException"/> becomes a card: a stale button gets the current numbers (or
/// variants, for a variants button) with a notice, anything else an error card.
/// </summary>
public sealed class ConversationRouter(IServiceProvider services, ShowNumbersHandler showNumbers, ShowVariantsHandler showVariants)
{
    public async Task<Reply> HandleAsync(ConversationRequest request, CancellationToken ct)
    {
        if (Verbs.Find(request.Verb) is not { } verb)
            return new Reply(ViewNames.Help, HelpView.For($"the button '{request.Verb}', which this version of NumbersBot does not know"));
        try
        {
            return await verb.Handler(services, request, ct);
        }
        catch (DomainException refusal)
        {
            return await RefusalAsync(request, refusal, ct);
        }
    }

    private async Task<Reply> RefusalAsync(ConversationRequest request, DomainException refusal, CancellationToken ct)
    {
        var projectId = request.Optional(Keys.Project);
        var stale = refusal.Kind is RefusalKind.NotFound or RefusalKind.Conflict or RefusalKind.ProviderFailed or RefusalKind.Invalid or RefusalKind.OutcomeUnknown;
        if (stale && projectId is not null && request.Verb is not (Verbs.ShowNumbers or Verbs.ShowVariants))
        {
            try
            {
                if (VariantVerbs.AnswersWithVariants(request))
                    return new Reply(ViewNames.Variants, VariantsView.From(
                        await showVariants.HandleAsync(new ShowVariants(request.Actor, projectId), ct), Notice.Attention(refusal.Message)));
                var page = await showNumbers.HandleAsync(new ShowNumbers(request.Actor, projectId), ct);
                return new Reply(ViewNames.Numbers, NumbersView.From(page, Notice.Attention(refusal.Message)));
            }
            catch (DomainException)
            {
                // The project itself is out of reach now; the plain refusal says enough.
            }
        }
        // Without telephony the fix is on the project's card (an admin chooses the integration), so the refusal leads there.
        var project = refusal.ProjectId is { } about ? new ProjectRef(about, about) : null;
        return new Reply(ViewNames.Error, ErrorView.From(refusal, project), ReplacesCard: false);
    }
}
