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
                services.AddTelephonyWorker(TimeSpan.FromSeconds(60));
                break;
            case TelephonyProviderKind.Twilio:
                services.AddTwilioTelephony(configuration);
                services.AddSingleton<ICustomerTelephonyAccounts, TwilioCustomerAccounts>();
                break;
        }
        return services;
    }

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
