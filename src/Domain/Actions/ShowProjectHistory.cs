using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>What happened in a project, newest first: its settings, numbers, variants and publishing.</summary>
public sealed record ShowProjectHistory(Actor Actor, string Project);

public sealed record ProjectHistory(Project Project, IReadOnlyList<AuditEntry> Entries);

public sealed class ShowProjectHistoryHandler(ProjectGate gate, IAuditTrail trail)
{
    /// <summary>Enough to see what happened lately; a Slack message holds at most 50 blocks.</summary>
    public const int Limit = 40;

    public async Task<ProjectHistory> HandleAsync(ShowProjectHistory command, CancellationToken ct)
    {
        var viewer = await gate.AccessAsync(command.Actor, ct);
        if (!viewer.Can(AccessArea.Variants, AccessLevel.Read)) viewer.Require(AccessArea.Numbers, AccessLevel.Read);
        var project = await gate.ResolveAsync(command.Project, ct);
        return new ProjectHistory(project, await trail.ForProjectAsync(project.Id, Limit, ct));
    }
}
