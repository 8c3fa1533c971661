using NumbersBot.Domain.Environments;

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
        int version = 0)
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

    public void AssignVariant(string? variantId) => VariantId = variantId;

    /// <summary>The answer to a button on a number that has since gone.</summary>
    public static DomainException Gone() =>
        DomainException.NotFound("That number is no longer in the project: it may have been deleted. Here is the current list.");

    /// <summary>Called by a repository once the write is stored.</summary>
    public void MarkStored(int version) => Version = version;
}
