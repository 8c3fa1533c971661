using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;
using Quartz;

namespace NumbersBot.Bot.Telephony;

public enum TelephonyProviderKind
{
    Simulated,
    Twilio,
}

/// <summary>The telephony provider this instance was set up with (Telephony:Provider), as its registrations chose it.</summary>
public sealed record TelephonyChoice(TelephonyProviderKind Provider);

public static class TelephonyServices
{
    /// <summary>Telephony:Provider picks the implementation of the domain's telephony port.</summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        var kind = BotSettings.Choice(configuration, "Telephony:Provider", TelephonyProviderKind.Simulated);
        services.AddSingleton(new TelephonyChoice(kind));
        switch (kind)
        {
            case TelephonyProviderKind.Simulated:
                services.AddSingleton(new SimulatedTelephonyFaults(configuration["Telephony:Simulated:FailWith"]));
                services.AddScoped<ITelephonyProvider, SimulatedTelephonyProvider>();
                services.AddSingleton<ITestCalls, SimulatedTestCalls>();
                services.AddSingleton<ICustomerTelephonyAccounts, SimulatedCustomerAccounts>();
                services.AddScoped<IProviderHoldings, SimulatedHoldings>();
                services.AddSingleton<ICallTraffic, SimulatedCallTraffic>();
                services.AddTelephonyWorker(TimeSpan.FromSeconds(60));
                break;
            case TelephonyProviderKind.Twilio:
                services.AddTwilioTelephony(configuration);
                services.AddSingleton<ICustomerTelephonyAccounts, TwilioCustomerAccounts>();
                break;
        }
        services.AddSingleton(CallTrafficPolicy(configuration));
        services.AddSingleton<RecentCallsReader>();
        services.AddScoped<NumberTraffic>();
        return services;
    }

    /// <summary>Telephony:Traffic:WaitMilliseconds (how long a card waits for the call log) and Telephony:Traffic:CacheSeconds.</summary>
    public static CallTrafficPolicy CallTrafficPolicy(IConfiguration configuration) => new(
        TimeSpan.FromMilliseconds(BotSettings.PositiveInt(configuration, "Telephony:Traffic:WaitMilliseconds", (int)Domain.Telephony.CallTrafficPolicy.Default.Wait.TotalMilliseconds)),
        TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Telephony:Traffic:CacheSeconds", (int)Domain.Telephony.CallTrafficPolicy.Default.CacheFor.TotalSeconds)));

    /// <summary>The one telephony worker, on start-up and then every <paramref name="every"/>.</summary>
    public static IServiceCollection AddTelephonyWorker(this IServiceCollection services, TimeSpan every)
    {
        services.AddQuartz(quartz => quartz.ScheduleJob<TelephonyWorkJob>(
            trigger => trigger.WithIdentity(TelephonyWorkJob.Name).StartNow().WithSimpleSchedule(s => s.WithInterval(every).RepeatForever()),
            job => job.WithIdentity(TelephonyWorkJob.Name)));
        services.AddQuartzHostedService();
        return services;
    }
}
