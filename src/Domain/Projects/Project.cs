using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Projects;

/// <summary>A voice agent project: its numbers, variants and environments hang off it. Admins create and change it.</summary>
public sealed class Project
{
    public const string NoIntegrationMessage =
        "This project has no telephony integration yet, so its phone numbers cannot be managed here. " +
        "Contact the PolyAI team to set one up; once it is in place, a NumbersBot admin chooses it on the project's card (`project <name>`).";

    public const int MaxNameLength = 80;

    private readonly Dictionary<AgentEnvironment, SipAddresses> _sip;

    /// <param name="sip">An environment left out has no SIP addresses yet.</param>
    public Project(string id, string name, TelephonyIntegration integration, IReadOnlyDictionary<AgentEnvironment, SipAddresses> sip,
        bool usesVariants = true, bool archived = false, int version = 0)
    {
        if (string.IsNullOrWhiteSpace(id)) throw DomainException.Invalid("A project needs an id.");
        Id = id;
        Name = CleanName(name);
        Integration = integration;
        UsesVariants = usesVariants;
        Archived = archived;
        Version = version;
        _sip = new Dictionary<AgentEnvironment, SipAddresses>(sip);
    }

    public string Id { get; }
    public string Name { get; private set; }
    public TelephonyIntegration Integration { get; private set; }

    /// <summary>Chosen at creation: a project without variants shows no variant column and takes no variants.</summary>
    public bool UsesVariants { get; }

    /// <summary>Archived projects are kept (with their audit trail) but no longer listed or changed.</summary>
    public bool Archived { get; private set; }

    /// <summary>Row version as loaded, for conditional saves.</summary>
    public int Version { get; }

    public IReadOnlyDictionary<AgentEnvironment, SipAddresses> Sip => _sip;

    public bool HasIntegration => Integration != TelephonyIntegration.None;

    public SipAddresses? SipOrNull(AgentEnvironment environment) => _sip.GetValueOrDefault(environment);

    public SipAddresses SipFor(AgentEnvironment environment) =>
        SipOrNull(environment) ?? throw DomainException.Invalid(
            $"Project '{Name}' has no SIP addresses for {environment.DisplayName()} yet; a NumbersBot admin sets them in `project {Name}`.");

    /// <summary>Every number action starts here: without an integration the answer is always the same.</summary>
    public void EnsureIntegration()
    {
        if (!HasIntegration) throw new DomainException(RefusalKind.NoIntegration, NoIntegrationMessage) { ProjectId = Id };
    }

    public void EnsureActive()
    {
        if (Archived) throw DomainException.Conflict($"Project '{Name}' is archived, so nothing in it can change.");
    }

    public void Rename(string name)
    {
        EnsureActive();
        Name = CleanName(name);
    }

    public void Archive()
    {
        EnsureActive();
        Archived = true;
    }

    /// <summary>Returns the addresses it replaced, or null when the environment had none.</summary>
    public SipAddresses? SetSip(AgentEnvironment environment, SipAddresses addresses)
    {
        EnsureActive();
        var before = SipOrNull(environment);
        _sip[environment] = addresses;
        return before;
    }

    public void ChooseIntegration(TelephonyIntegration integration)
    {
        EnsureActive();
        Integration = integration;
    }

    public static string CleanName(string? name)
    {
        var clean = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0) throw DomainException.Invalid("A project needs a name.");
        if (clean.Length > MaxNameLength) throw DomainException.Invalid($"A project name has at most {MaxNameLength} characters.");
        return clean;
    }

    /// <summary>The id a new project gets from its name: lower-case letters, digits and dashes ("Acme Voice" is acme-voice).</summary>
    public static string IdFrom(string name)
    {
        var slug = new string(CleanName(name).ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        slug = string.Join('-', slug.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "project" : slug;
    }
}
