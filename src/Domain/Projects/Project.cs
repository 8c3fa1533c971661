using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Projects;

/// <summary>A voice agent project: its numbers, variants and environments hang off it.</summary>
public sealed class Project
{
    public const string NoIntegrationMessage =
        "This project has no telephony integration yet, so its phone numbers cannot be managed here. " +
        "Contact the PolyAI team to set one up.";

    private readonly Dictionary<AgentEnvironment, SipAddresses> _sip;

    public Project(string id, string name, TelephonyIntegration integration, IReadOnlyDictionary<AgentEnvironment, SipAddresses> sip)
    {
        if (string.IsNullOrWhiteSpace(id)) throw DomainException.Invalid("A project needs an id.");
        if (string.IsNullOrWhiteSpace(name)) throw DomainException.Invalid("A project needs a name.");
        var missing = AgentEnvironments.All.Where(e => !sip.ContainsKey(e)).Select(e => e.DisplayName()).ToList();
        if (missing.Count > 0)
            throw DomainException.Invalid($"Project '{name}' has no SIP addresses for {string.Join(", ", missing)}.");
        Id = id;
        Name = name;
        Integration = integration;
        _sip = new Dictionary<AgentEnvironment, SipAddresses>(sip);
    }

    public string Id { get; }
    public string Name { get; }
    public TelephonyIntegration Integration { get; }
    public IReadOnlyDictionary<AgentEnvironment, SipAddresses> Sip => _sip;

    public bool HasIntegration => Integration != TelephonyIntegration.None;

    public SipAddresses SipFor(AgentEnvironment environment) => _sip[environment];

    /// <summary>Every number action starts here: without an integration the answer is always the same.</summary>
    public void EnsureIntegration()
    {
        if (!HasIntegration) throw new DomainException(RefusalKind.NoIntegration, NoIntegrationMessage);
    }
}
