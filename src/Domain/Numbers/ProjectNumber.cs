using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Numbers;

/// <summary>A phone number serving one environment of one project.</summary>
public sealed class ProjectNumber
{
    public ProjectNumber(
        Guid id,
        string projectId,
        PhoneNumber number,
        AgentEnvironment environment,
        NumberSource source,
        string providerReference,
        bool simulated,
        string? variantId,
        DateTimeOffset addedAt,
        string addedBy,
        int version = 0,
        Reachability reachability = Reachability.Routing,
        string? problem = null)
    {
        Id = id;
        ProjectId = projectId;
        Number = number;
        Environment = environment;
        Source = source;
        ProviderReference = providerReference;
        Simulated = simulated;
        VariantId = variantId;
        AddedAt = addedAt;
        AddedBy = addedBy;
        Version = version;
        Reachability = reachability;
        Problem = problem;
    }

    public Guid Id { get; }
    public string ProjectId { get; }
    public PhoneNumber Number { get; }
    public AgentEnvironment Environment { get; }
    public NumberSource Source { get; }

    /// <summary>The provider's own id for the number (a Twilio PN... SID, or the simulator's).</summary>
    public string ProviderReference { get; }

    /// <summary>Handed out by the simulated provider: no real calls arrive.</summary>
    public bool Simulated { get; }

    public string? VariantId { get; private set; }
    public DateTimeOffset AddedAt { get; }
    public string AddedBy { get; }

    /// <summary>Bumped by every stored change; writes are conditional on it so no update is lost.</summary>
    public int Version { get; private set; }

    public bool IsLive => Environment == AgentEnvironment.Live;

    /// <summary>Stored apart from <see cref="Version"/>: the provider's state changing is not a change a person made.</summary>
    public Reachability Reachability { get; private set; }

    /// <summary>What the provider said the last time routing or removal failed; null when nothing failed.</summary>
    public string? Problem { get; private set; }

    public void MarkReachability(Reachability reachability, string? problem)
    {
        Reachability = reachability;
        Problem = problem;
    }

    /// <summary>A variant from the project's catalog (the caller checked it is published here), or null for none.</summary>
    public void AssignVariant(Variant? variant) => VariantId = variant?.Id;

    /// <summary>The answer to a button on a number that has since gone.</summary>
    public static DomainException Gone() =>
        DomainException.NotFound("That number is no longer in the project: it may have been deleted. Here is the current list.");

    /// <summary>Called by a repository once the write is stored.</summary>
    internal void MarkStored(int version) => Version = version;
}
