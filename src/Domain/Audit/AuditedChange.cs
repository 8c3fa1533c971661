using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Audit;

/// <summary>What an audit entry says happened; <see cref="AuditLog"/> adds who, when and an id.</summary>
public sealed record AuditedChange(
    string Action, string? ProjectId = null, string? Number = null, AgentEnvironment? Environment = null, string? Before = null, string? After = null)
{
    /// <summary>A change to one listed number: its project, number and environment.</summary>
    public static AuditedChange To(ProjectNumber number, string action, string? before, string? after) =>
        new(action, number.ProjectId, number.Number.E164, number.Environment, before, after);
}
