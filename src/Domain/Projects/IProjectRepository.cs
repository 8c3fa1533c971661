namespace NumbersBot.Domain.Projects;

public interface IProjectRepository
{
    /// <summary>Every project, archived ones included, by name.</summary>
    Task<IReadOnlyList<Project>> ListAsync(CancellationToken ct);

    /// <summary>By id, or by name ignoring case.</summary>
    Task<Project?> FindAsync(string idOrName, CancellationToken ct);

    Task AddAsync(Project project, CancellationToken ct);

    /// <summary>Stores its name, integration, SIP addresses and archived flag, conditional on <see cref="Project.Version"/>; throws DomainException.Changed when it moved.</summary>
    Task SaveAsync(Project project, CancellationToken ct);

    /// <summary>
    /// Inside a unit of work, before its other writes: true when the project is still as read (<see cref="Project.Version"/>),
    /// and then no one can change it until the work ends (a write that changes nothing); false when it has changed since.
    /// </summary>
    Task<bool> HoldAsync(Project project, CancellationToken ct);
}

/// <summary>Which project `numbers` means for one person in one conversation, once they have chosen.</summary>
public interface IProjectChoices
{
    Task<string?> FindAsync(string personKey, string conversationKey, CancellationToken ct);

    Task RememberAsync(string personKey, string conversationKey, string projectId, CancellationToken ct);
}

/// <summary>The customer Twilio accounts named in configuration; secrets stay there and are never typed into chat.</summary>
public interface ICustomerTelephonyAccounts
{
    bool IsConfiguredFor(string projectId);

    /// <summary>What an operator configures so the project has one, in a sentence.</summary>
    string HowToConfigure(string projectId);
}
