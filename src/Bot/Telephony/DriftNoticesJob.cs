using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;
using Quartz;

namespace NumbersBot.Bot.Telephony;

[DisallowConcurrentExecution]
public sealed class DriftNoticesJob(DriftNotices notices) : IJob
{
    public static readonly JobKey Key = new("drift-notices");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await notices.PostDueAsync(ct);
}

/// <summary>Posts each recorded drift notice to its place (Teams or Slack) once; a failed post is retried with growing pauses.</summary>
public sealed class DriftNotices(IServiceScopeFactory scopes, IEnumerable<IReplyChannel> channels, TimeProvider clock, ILogger<DriftNotices> logger)
{
    public const string Title = "Telephony needs a person";
    public const string RepairedTitle = "Telephony repaired";
    public const string RepairNotConfirmedTitle = "Telephony repair not confirmed";
    public const string NotYetConfirmed = "Still routing";

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan WaitForRoute = TimeSpan.FromMinutes(1);

    // Past the recorder's lease and the worker's first retries: a route not confirmed by then has met a problem of its own.
    public static readonly TimeSpan LongestWaitForRoute = TimeSpan.FromMinutes(10);

    public async Task<int> PostDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IDriftNoticeStore>();
        var projects = scope.ServiceProvider.GetRequiredService<IProjectRepository>();
        var operations = scope.ServiceProvider.GetRequiredService<ITelephonyOperationRepository>();
        IReadOnlyList<TelephonyOperation>? pending = null;
        // Only a repair's card names its project; read once per run, as each repair is told in every place.
        var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var posted = 0;
        foreach (var notice in await store.DueAsync(clock.GetUtcNow(), 50, ct))
        {
            // A repair is recorded with its route steps (so a crash still tells it) but told only once the provider
            // confirmed them: until then the number is not back, and a refused route is a finding of its own.
            var routing = notice.Rerouted is not null && Routing(pending ??= await operations.ListPendingAsync(ct), notice);
            var now = clock.GetUtcNow();
            // Waiting is bounded: past it, the card is told saying the route is not confirmed yet, rather than held back unseen.
            var waiting = routing && now - notice.CreatedAt < LongestWaitForRoute;
            // A repair still waiting is leased for the wait: waiting is not failing, so a post that fails later starts its pauses from the first.
            if (!await store.TryLeaseAsync(notice, now, now + (waiting ? WaitForRoute : Lease), ct) || waiting) continue;
            try
            {
                var channel = channels.LastOrDefault(c => c.Channel == notice.Channel)
                    ?? throw new InvalidOperationException($"No channel '{notice.Channel}' is configured.");
                string? name = null;
                if (notice.Rerouted is not null && notice.ProjectId is { } id && !names.TryGetValue(id, out name))
                    names[id] = name = (await projects.FindAsync(id, ct))?.Name;
                await channel.PostToAsync(notice.Destination, Reply(notice, name, routing), ct);
                await store.RecordPostedAsync(notice, clock.GetUtcNow(), ct);
                posted++;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, notice.Attempts), LongestWait.TotalSeconds));
                logger.LogWarning("Could not post drift notice {Finding} to {Channel} {Destination} (attempt {Attempts}); retrying in {Wait}: {Failure}",
                    notice.FindingKey, notice.Channel, notice.Destination, notice.Attempts + 1, wait, failure.Message);
                await store.RetryLaterAsync(notice, clock.GetUtcNow() + wait, failure.Message, ct);
            }
        }
        return posted;
    }

    /// <summary>Whether a route step of the repair is still recorded: one of a number it re-routed (other steps in the environment are not its).</summary>
    private static bool Routing(IReadOnlyList<TelephonyOperation> pending, DriftNotice notice) =>
        pending.Any(o => o.Step == TelephonyStep.Route && string.Equals(o.ProjectId, notice.ProjectId, StringComparison.OrdinalIgnoreCase)
            && notice.ReroutedNumbers.Contains(o.E164, StringComparer.Ordinal));

    /// <summary>
    /// A finding: the result card in its "attention" style, with what was found, what to do, and the provider's references.
    /// A repair: in its "good" style, with what was repaired and a Test call for each number it re-routed (the first few);
    /// <paramref name="stillRouting"/> when it is told before the provider confirmed every route, in the "attention" style
    /// and not called repaired, since a number may still be unreachable.
    /// </summary>
    public static Reply Reply(DriftNotice notice, string? projectName = null, bool stillRouting = false)
    {
        if (notice.Rerouted is not null) return Repaired(notice, projectName, stillRouting);
        var facts = new List<Fact>();
        if (notice.ProjectId is { } project) facts.Add(new Fact("Project", project));
        if (notice.E164 is { } number) facts.Add(new Fact("Number", number));
        if (notice.ProviderReference is { } reference) facts.Add(new Fact("Twilio reference", reference));
        if (notice.ProviderCode is { } code) facts.Add(new Fact("Twilio said", code));
        facts.Add(new Fact("Found by", "NumbersBot's drift check, which repaired nothing here"));
        return new Reply(ViewNames.Result, new ResultView(null, Title, notice.Text, facts, "attention"), ReplacesCard: false);
    }

    private static Reply Repaired(DriftNotice notice, string? projectName, bool stillRouting)
    {
        var project = new ProjectRef(notice.ProjectId!, projectName ?? notice.ProjectId!);
        var numbers = notice.ReroutedNumbers.Take(TestCallOffer.MostOffered).Select(PhoneNumber.ParseE164).ToList();
        var facts = new List<Fact> { new("Project", project.Name) };
        if (notice.Environment is { } environment) facts.Add(new Fact("Environment", environment.DisplayName()));
        facts.Add(new Fact(numbers.Count == 1 ? "Number" : "Numbers", string.Join(", ", numbers.Select(n => n.Display))));
        facts.Add(new Fact("Repaired by", "NumbersBot's drift check; `history <number>` shows it"));
        if (stillRouting)
            facts.Add(new Fact(NotYetConfirmed, $"Twilio had not confirmed every route after {LongestWaitForRoute.TotalMinutes:0} minutes. " +
                "NumbersBot keeps trying; the numbers card shows which numbers reach the agent, and a test call tells for sure."));
        // Unconfirmed, it must not read as done: the route may be the one Twilio keeps refusing.
        var (title, style) = stillRouting ? (RepairNotConfirmedTitle, "attention") : (RepairedTitle, "good");
        return new Reply(ViewNames.Result, new ResultView(project, title, notice.Text, facts, style)
        {
            TestCalls = numbers.Select(n => TestCallOffer.For(project.Id, null, n, onlyOne: numbers.Count == 1)).ToList(),
        }, ReplacesCard: false);
    }
}
