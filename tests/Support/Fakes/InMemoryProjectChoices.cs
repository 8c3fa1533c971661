namespace NumbersBot.Tests.Support.Fakes;

public sealed class InMemoryProjectChoices : IProjectChoices
{
    private readonly Dictionary<(string, string), string> _choices = [];

    public Task<string?> FindAsync(string personKey, string conversationKey, CancellationToken ct)
    {
        lock (_choices) return Task.FromResult(_choices.GetValueOrDefault((personKey, conversationKey)));
    }

    public Task RememberAsync(string personKey, string conversationKey, string projectId, CancellationToken ct) => Completed.After(() =>
    {
        lock (_choices) _choices[(personKey, conversationKey)] = projectId;
    });
}

/// <summary>Customer Twilio accounts configured for the projects listed in <see cref="Configured"/>.</summary>
public sealed class FakeCustomerAccounts : ICustomerTelephonyAccounts
{
    public HashSet<string> Configured { get; } = [];

    public bool IsConfiguredFor(string projectId) => Configured.Contains(projectId);

    public string HowToConfigure(string projectId) => $"Configure Twilio:Customers:{projectId}.";
}
