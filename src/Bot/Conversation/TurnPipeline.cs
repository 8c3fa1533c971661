using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Conversation;

/// <summary>What a person did: typed a line, clicked a button (or submitted a form), or their client asked for a fresh card.</summary>
public enum TurnKind
{
    Typed,
    Click,
    Refresh,
}

/// <summary>
/// One thing a person did in one channel. <see cref="DeliveryId"/> is the channel's id for this delivery (null when
/// the channel never redelivers); <see cref="Answer"/> is set when the adapter already knows the answer (it could not
/// tell who sent the turn), so only the delivery rule applies.
/// </summary>
public sealed record Turn(TurnKind Kind, string Channel, string? DeliveryId, ConversationRequest? Request, Reply? Answer = null)
{
    /// <param name="conversation">The channel's id of the conversation, for choices remembered per conversation.</param>
    /// <param name="timeZone">The viewer's time zone as their channel gave it; a click's request carries its own (<see cref="ConversationRequest.TimeZone"/>).</param>
    public static Turn Typed(string channel, string? deliveryId, Actor actor, string? text, string conversation = "", string? timeZone = null) =>
        new(TurnKind.Typed, channel, deliveryId, TextCommands.Request(actor, text) with { Conversation = conversation, TimeZone = timeZone });

    public static Turn Click(string channel, string? deliveryId, ConversationRequest request) => new(TurnKind.Click, channel, deliveryId, request);

    public static Turn Refresh(string channel, string? deliveryId, ConversationRequest request) => new(TurnKind.Refresh, channel, deliveryId, request);

    public static Turn Answered(TurnKind kind, string channel, string? deliveryId, Reply answer) => new(kind, channel, deliveryId, null, answer);
}

/// <summary>
/// The one place that decides, for every channel: has this delivery been seen (one effect per delivery, across
/// instances), is the verb slow (progress shown first, then the durable enqueue carrying where it is shown), does the
/// answer replace the card or come as a new message, and what a repeated click sees.
/// </summary>
public sealed class TurnPipeline(
    ConversationRouter router, IDeliveryLog deliveries, IDeferredReplies deferred, IProjectRepository projects, ILogger<TurnPipeline> logger,
    Approvals.RequesterCards requesterCards)
{
    public const string RepeatedClickNote = "That click arrived twice; it was acted on once. This is how things stand now.";

    private static readonly Reply NotStarted = new(ViewNames.Error, new ErrorView("That did not start",
        "NumbersBot could not note down the work, so nothing was done. Try again in a moment.", "providerFailed", null), ReplacesCard: false);

    public async Task HandleAsync(Turn turn, IReplySurface surface, CancellationToken ct)
    {
        var verb = Verbs.Find(turn.Request?.Verb);
        var verbName = verb?.Name ?? (turn.Answer is null ? "unknown" : "answer");
        Hosting.Telemetry.Turns.Add(1, new KeyValuePair<string, object?>("channel", turn.Channel), new KeyValuePair<string, object?>("verb", verbName));
        using var span = Hosting.Telemetry.Source.StartActivity($"turn {verbName}"); // null, and free, without a listener
        span?.SetTag("numbersbot.channel", turn.Channel);
        if (!await FirstDeliveryAsync(turn, ct))
        {
            // A typed line was answered the first time; a click sees how things stand now, not a second effect.
            if (turn.Kind != TurnKind.Typed && turn.Request is { } repeated) await surface.ReplaceAsync(await CurrentStateAsync(verb, repeated, ct), ct);
            return;
        }
        if (turn.Answer is { } answer)
        {
            await ShowAsync(turn, answer, surface, ct);
            return;
        }
        var request = turn.Request ?? throw new ArgumentException("A turn needs a request or an answer.", nameof(turn));
        if (verb is { Slow: true })
        {
            await StartSlowAsync(turn, verb, request, surface, ct);
            return;
        }
        var reply = await AnswerAsync(request, ct);
        var shown = await ShowAsync(turn, reply with { StateChanged = verb?.ChangesState ?? false }, surface, ct);
        if (reply.RequesterCardOf is { } approval && shown is not null) await requesterCards.KeepAsync(approval, request.Actor, shown, ct);
    }

    /// <summary>Typed lines and clicks that change something are recorded; reading twice does no harm and costs no write.</summary>
    private Task<bool> FirstDeliveryAsync(Turn turn, CancellationToken ct)
    {
        var recorded = turn.Kind == TurnKind.Typed || Verbs.ChangesState(turn.Request?.Verb ?? "");
        return recorded && turn.DeliveryId is { Length: > 0 } id ? deliveries.TryRecordFirstAsync(turn.Channel, id, ct) : Task.FromResult(true);
    }

    /// <summary>A typed line has no card to stand in for; a refresh always does; a click follows the reply.</summary>
    private static Task<ReplyAddress?> ShowAsync(Turn turn, Reply reply, IReplySurface surface, CancellationToken ct) => turn.Kind switch
    {
        TurnKind.Typed => surface.PostAsync(reply with { ReplacesCard = false }, ct),
        TurnKind.Refresh => surface.ReplaceAsync(reply, ct),
        _ => reply.ReplacesCard ? surface.ReplaceAsync(reply, ct) : surface.PostAsync(reply, ct),
    };

    /// <summary>Progress is shown before the work is stored, so the result can never arrive first and be overwritten by it.</summary>
    private async Task StartSlowAsync(Turn turn, Verb verb, ConversationRequest request, IReplySurface surface, CancellationToken ct)
    {
        Reply progress;
        try
        {
            progress = await ProgressAsync(verb, request, ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await ShowAsync(turn, Unexpected(failure, request), surface, ct); // nothing was stored, so nothing will follow
            return;
        }
        if (await ShowAsync(turn, progress, surface, ct) is { } address)
        {
            try
            {
                await deferred.EnqueueAsync(request, address, ct);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The progress is already shown: without this the person would wait for a result that never comes.
                logger.LogError(failure, "Could not store {Verb} for {Actor}; told them it did not start", request.Verb, request.Actor.User.Key);
                await ShowAsync(turn with { Kind = TurnKind.Typed }, NotStarted, surface, ct);
            }
            return;
        }
        // The channel cannot say where the progress is, so nothing could replace it later: the result follows it instead.
        await ShowAsync(turn with { Kind = TurnKind.Typed }, await AnswerAsync(request, ct) with { StateChanged = verb.ChangesState }, surface, ct);
    }

    /// <summary>The router's reply, or <see cref="Unexpected"/> when it failed in a way nobody foresaw.</summary>
    private async Task<Reply> AnswerAsync(ConversationRequest request, CancellationToken ct)
    {
        try
        {
            return await router.HandleAsync(request, ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return Unexpected(failure, request);
        }
    }

    /// <summary>
    /// A failure nobody foresaw (the database gone, a bug) becomes a sentence with a reference for the logs. A 500 would
    /// tell the person nothing, and the channel's retry would only find the delivery already noted.
    /// </summary>
    private Reply Unexpected(Exception failure, ConversationRequest request)
    {
        var reference = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        logger.LogError(failure, "{Verb} for {Actor} failed unexpectedly (reference {Reference})", request.Verb, request.Actor.User.Key, reference);
        return new Reply(ViewNames.Error, new ErrorView("Something went wrong",
            $"NumbersBot hit a problem on its side and could not finish this (reference {reference[..12]}). " +
            "Show the numbers again to see how things stand before trying again; if it keeps happening, tell whoever runs NumbersBot.",
            "unexpected", null), ReplacesCard: false);
    }

    private async Task<Reply> ProgressAsync(Verb verb, ConversationRequest request, CancellationToken ct)
    {
        var project = request.Optional(Keys.Project) is { } key && await projects.FindAsync(key, ct) is { } found
            ? new ProjectRef(found.Id, found.Name)
            : null;
        List<Fact> facts = project is null ? [] : [new Fact("Project", project.Name)];
        facts.Add(new Fact("Requested by", request.Actor.DisplayName));
        var text = verb.Progress?.Invoke(request) ?? "Working on it…";
        return new Reply(ViewNames.Result, new ResultView(project, text, "This takes a few seconds; this card will show the result.", facts, "accent"))
        {
            InProgress = true,
        };
    }

    /// <summary>
    /// What a repeated click sees: the card of the verb its declaration names (given the same data), else the project's
    /// numbers, else the approvals list; with a note, and without doing the change a second time.
    /// </summary>
    private async Task<Reply> CurrentStateAsync(Verb? verb, ConversationRequest request, CancellationToken ct)
    {
        var show = verb?.ShowsState is { } shows ? request with { Verb = shows }
            : request.Optional(Keys.Project) is { } project
                ? new ConversationRequest(request.Actor, Verbs.ShowNumbers, new Dictionary<string, string?> { [Keys.Project] = project }) { TimeZone = request.TimeZone }
                : new ConversationRequest(request.Actor, Verbs.ShowApprovals, new Dictionary<string, string?>()) { TimeZone = request.TimeZone };
        var current = await AnswerAsync(show, ct);
        var note = Notice.Attention(RepeatedClickNote);
        return current.Model switch
        {
            NumbersView numbers => current with { Model = numbers with { Notice = note }, ReplacesCard = true },
            ApprovalsView list => current with { Model = list with { Notice = note }, ReplacesCard = true },
            ApprovalView approval => current with { Model = approval with { Notice = note }, ReplacesCard = true },
            VariantsView variants => current with { Model = variants with { Notice = note }, ReplacesCard = true },
            AccessView access => current with { Model = access with { Notice = note }, ReplacesCard = true },
            _ => current with { ReplacesCard = true },
        };
    }
}
