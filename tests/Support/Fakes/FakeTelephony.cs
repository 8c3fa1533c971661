namespace NumbersBot.Tests.Support.Fakes;

/// <summary>
/// Hands out fictional numbers that libphonenumber accepts (UK +44 20 7946 0xxx, North America NPA 555-01xx),
/// records every purchase, routing and release, and fails on request.
/// </summary>
public sealed class FakeTelephony : ITelephonyProvider
{
    private readonly Dictionary<string, ProvisionedNumber> _customerAccount = [];
    private int _sold;

    public List<NumberOrder> Orders { get; } = [];
    public List<ProvisionedNumber> Bought { get; } = [];
    public List<(ProvisionedNumber Number, AgentEnvironment Environment, SipAddresses Sip)> Routed { get; } = [];
    public List<ProvisionedNumber> Released { get; } = [];

    /// <summary>When set, buying fails with this message.</summary>
    public string? RefuseBuying { get; set; }

    /// <summary>Runs once, the next time a number is bought or looked up: another request's change landing while the provider answers.</summary>
    public Func<Task>? Meanwhile { get; set; }

    public string? RefuseRouting { get; set; }
    public string? RefuseReleasing { get; set; }

    /// <summary>Puts a number in the customer's own Twilio account, ready to be connected.</summary>
    public ProvisionedNumber CustomerHas(string e164)
    {
        var number = new ProvisionedNumber(PhoneNumber.ParseE164(e164), NumberSource.Twilio, $"PN{_customerAccount.Count + 1:D32}", Simulated: false);
        _customerAccount[number.Number.E164] = number;
        return number;
    }

    public async Task<ProvisionedNumber> BuyAsync(NumberOrder order, CancellationToken ct)
    {
        await MeanwhileAsync();
        return await BuyNowAsync(order);
    }

    private Task<ProvisionedNumber> BuyNowAsync(NumberOrder order)
    {
        Orders.Add(order);
        if (RefuseBuying is { } refusal) return Task.FromException<ProvisionedNumber>(new DomainException(RefusalKind.ProviderFailed, refusal));
        var serial = _sold++;
        var e164 = order.Country switch
        {
            Country.UK => $"+442079460{serial:D3}",
            Country.Canada => $"+1{order.AreaCode?.Digits ?? "416"}55501{serial:D2}",
            _ => $"+1{order.AreaCode?.Digits ?? "202"}55501{serial:D2}",
        };
        var number = new ProvisionedNumber(PhoneNumber.ParseE164(e164), NumberSource.Platform, $"FAKE{serial}", Simulated: false);
        Bought.Add(number);
        return Task.FromResult(number);
    }

    public async Task<ProvisionedNumber?> FindExistingAsync(string projectId, PhoneNumber number, CancellationToken ct)
    {
        await MeanwhileAsync();
        return _customerAccount.GetValueOrDefault(number.E164);
    }

    private async Task MeanwhileAsync()
    {
        if (Meanwhile is not { } change) return;
        Meanwhile = null;
        await change();
    }

    /// <summary>Runs once, just before the next route reaches the provider: another request's change landing after the step was read.</summary>
    public Func<Task>? BeforeNextRoute { get; set; }

    public async Task RouteAsync(string projectId, ProvisionedNumber number, AgentEnvironment environment, SipAddresses sip, CancellationToken ct)
    {
        if (BeforeNextRoute is { } change)
        {
            BeforeNextRoute = null;
            await change();
        }
        if (RefuseRouting is { } refusal) throw new DomainException(RefusalKind.ProviderFailed, refusal);
        Routed.Add((number, environment, sip));
    }

    public Task ReleaseAsync(string projectId, ProvisionedNumber number, CancellationToken ct) => Completed.After(() =>
    {
        if (RefuseReleasing is { } refusal) throw new DomainException(RefusalKind.ProviderFailed, refusal);
        Released.Add(number);
    });
}
