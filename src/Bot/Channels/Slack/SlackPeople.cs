using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Who is asking: the team and user ids (the domain's access key) and a name for cards and the audit trail, from
/// users.info when a bot token is set (kept an hour), else the name the payload carries, else the user id. The same
/// users.info answer gives their time zone (<see cref="TimeZoneOf"/>), so showing times costs Slack no call of its own.
/// The same lookup names a configured admin who has never written to the bot (<see cref="IPeopleDirectory"/>).
/// </summary>
public sealed class SlackPeople(SlackApi api, SlackSettings settings, TimeProvider clock) : IPeopleDirectory
{
    private const int MaxRemembered = 10_000;
    private static readonly TimeSpan Remember = TimeSpan.FromHours(1);
    // users.info runs before the acknowledgement, so it gets a small share of Slack's 3 seconds.
    private static readonly TimeSpan LookupBudget = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (string Name, string? TimeZone, DateTimeOffset Until)> _names = new();

    public async Task<Actor> ActorAsync(string? teamId, string? userId, string? payloadName, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(teamId) || string.IsNullOrEmpty(userId)) throw new SlackRequestException("The payload does not say which team and user sent it.");
        UserRef user;
        try
        {
            user = UserRef.Slack(teamId, userId);
        }
        catch (NumbersBot.Domain.DomainException malformed)
        {
            throw new SlackRequestException(malformed.Message);
        }
        return new Actor(user, await NameAsync(user, ct) ?? (string.IsNullOrWhiteSpace(payloadName) ? user.Id : payloadName));
    }

    /// <summary>A Slack member's name from users.info (remembered as for the asker); null for anyone else.</summary>
    public Task<string?> NameOfAsync(UserRef user, CancellationToken ct) =>
        user.Channel == SlackChannel.Name ? NameAsync(user, ct) : Task.FromResult<string?>(null);

    /// <summary>
    /// The person's time zone (an IANA id such as "Europe/London") from the users.info answer <see cref="ActorAsync(string?, string?, string?, CancellationToken)"/>
    /// looked up or remembered; null when Slack was not asked or did not say.
    /// </summary>
    public string? TimeZoneOf(Actor actor) =>
        _names.TryGetValue(actor.User.Key, out var known) && known.Until > clock.GetUtcNow() ? known.TimeZone : null;

    /// <summary>The person behind a button click or a modal submission.</summary>
    public Task<Actor> ActorAsync(JsonObject interaction, CancellationToken ct) => ActorAsync(
        SlackPayloads.Optional(interaction, "team.id") ?? SlackPayloads.Optional(interaction, "user.team_id"),
        SlackPayloads.Required(interaction, "user.id"),
        SlackPayloads.Optional(interaction, "user.name") ?? SlackPayloads.Optional(interaction, "user.username"), ct);

    private async Task<string?> NameAsync(UserRef user, CancellationToken ct)
    {
        if (!settings.CanCallApi) return null;
        var now = clock.GetUtcNow();
        if (_names.TryGetValue(user.Key, out var known) && known.Until > now) return known.Name;

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(LookupBudget);
        SlackApiResult result;
        try
        {
            result = await api.CallAsync("users.info", new JsonObject { ["user"] = user.Id }, budget.Token);
        }
        catch (Exception failure) when (failure is OperationCanceledException or HttpRequestException && !ct.IsCancellationRequested)
        {
            return null;
        }
        var name = new[] { "user.profile.display_name", "user.real_name", "user.name" }
            .Select(path => SlackPayloads.Optional(result.Body, path))
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        if (name is null) return null;
        if (_names.Count >= MaxRemembered) _names.Clear();
        _names[user.Key] = (name, SlackPayloads.Optional(result.Body, "user.tz"), now + Remember);
        return name;
    }
}
