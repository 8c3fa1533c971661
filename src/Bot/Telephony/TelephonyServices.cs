using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony;

public enum TelephonyProviderKind
{
    Simulated,
    Twilio,
}

public static class TelephonyServices
{
    /// <summary>Telephony:Provider picks the implementation of the domain's telephony port.</summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        var kind = BotSettings.Choice(configuration, "Telephony:Provider", TelephonyProviderKind.Simulated);
        switch (kind)
        {
            case TelephonyProviderKind.Simulated:
                services.AddSingleton(new SimulatedTelephonyFaults(configuration["Telephony:Simulated:FailWith"]));
                services.AddScoped<ITelephonyProvider, SimulatedTelephonyProvider>();
                services.AddSingleton<ICustomerTelephonyAccounts, SimulatedCustomerAccounts>();
                services.AddScoped<IProviderHoldings, SimulatedHoldings>();
                break;
            case TelephonyProviderKind.Twilio:
                services.AddTwilioTelephony(configuration);
                services.AddSingleton<ICustomerTelephonyAccounts, TwilioCustomerAccounts>();
                break;
        }
        return services;
    }
}
