using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Conversation;

/// <summary>
/// Finds the action for a verb and turns every refusal into an answer a person can read. This is the one
/// place a <see cref="DomainException"/> becomes a card: a stale button gets the current numbers with a notice,
/// anything else an error card.
/// </summary>
public sealed class ConversationRouter(NumberVerbs numbers, ApprovalVerbs approvals, ShowNumbersHandler showNumbers)
{
    private readonly Dictionary<string, Func<ConversationRequest, CancellationToken, Task<Reply>>> _table = new(StringComparer.Ordinal)
    {
        [Verbs.ShowNumbers] = numbers.ShowAsync,
        [Verbs.AddNumberForm] = numbers.AddFormAsync,
        [Verbs.AddNumber] = numbers.AddAsync,
        [Verbs.ConnectNumber] = numbers.ConnectAsync,
        [Verbs.ReassignForm] = numbers.ReassignFormAsync,
        [Verbs.Reassign] = numbers.ReassignAsync,
        [Verbs.Delete] = numbers.DeleteAsync,
        [Verbs.DeleteConfirmed] = numbers.DeleteConfirmedAsync,
        [Verbs.ShowHistory] = numbers.HistoryAsync,
        [Verbs.ShowApprovals] = approvals.ShowAsync,
        [Verbs.Approve] = approvals.ApproveAsync,
        [Verbs.Deny] = approvals.DenyAsync,
        [Verbs.ShowApproval] = approvals.ShowOneAsync,
        [Verbs.Withdraw] = approvals.WithdrawAsync,
        [Verbs.RetryRelease] = approvals.RetryReleaseAsync,
        [Verbs.Help] = (request, _) => Task.FromResult(new Reply(ViewNames.Help, HelpView.For(request.Optional("unknown")), ReplacesCard: false)),
    };

    /// <summary>The same for every channel: a typed line of text becomes a verb first.</summary>
    public Task<Reply> HandleTextAsync(Actor actor, string? text, CancellationToken ct)
    {
        var (verb, data) = TextCommands.Parse(text);
        return HandleAsync(new ConversationRequest(actor, verb, data), ct);
    }

    /// <summary>The answer to show at once while a slow verb runs; the finished reply replaces it.</summary>
    public static Reply Progress(ConversationRequest request)
    {
        var environment = request.Optional(Keys.Environment) is { } key && Enum.TryParse<AgentEnvironment>(key, true, out var parsed) ? parsed.DisplayName() : "the environment";
        var text = request.Verb == Verbs.ConnectNumber
            ? $"Connecting {request.Optional(Keys.Number)} to {environment}…"
            : $"Buying {(request.Optional(Keys.Country) is { } country ? $"a {country}" : "a")} number for {environment}…";
        var project = request.Optional(Keys.Project) is { } id ? new ProjectRef(id, id) : null;
        return new Reply(ViewNames.Result, new ResultView(project, text, "This takes a few seconds; this card will show the result.",
            [new Fact("Requested by", request.Actor.DisplayName)], "accent"));
    }

    public async Task<Reply> HandleAsync(ConversationRequest request, CancellationToken ct)
    {
        if (!_table.TryGetValue(request.Verb ?? "", out var action))
            return new Reply(ViewNames.Help, HelpView.For($"the button '{request.Verb}', which this version of NumbersBot does not know"));
        try
        {
            return await action(request, ct);
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
        if (stale && projectId is not null && request.Verb != Verbs.ShowNumbers)
        {
            try
            {
                var page = await showNumbers.HandleAsync(new ShowNumbers(request.Actor, projectId), ct);
                return new Reply(ViewNames.Numbers, NumbersView.From(page, Notice.Attention(refusal.Message)));
            }
            catch (DomainException)
            {
                // The project itself is out of reach now; the plain refusal says enough.
            }
        }
        return new Reply(ViewNames.Error, ErrorView.From(refusal, null), ReplacesCard: false);
    }
}
