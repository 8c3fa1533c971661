using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Telephony;

/// <summary>The simulator stands in for every customer's Twilio account, so every project has one.</summary>
public sealed class SimulatedCustomerAccounts : ICustomerTelephonyAccounts
{
    public bool IsConfiguredFor(string projectId) => true;

    public string HowToConfigure(string projectId) => "";
}

/// <summary>Customer accounts are configured under Twilio:Customers:&lt;project id&gt;; their secrets never pass through chat.</summary>
public sealed class TwilioCustomerAccounts(TwilioSettings settings) : ICustomerTelephonyAccounts
{
    public bool IsConfiguredFor(string projectId) => settings.CustomerAccount(projectId) is not null;

    public string HowToConfigure(string projectId) =>
        $"An operator sets Twilio:Customers:{projectId}:AccountSid and its AuthToken (or ApiKeySid and ApiKeySecret) in the bot's configuration (docs/twilio.md), then chooses it here.";
}
