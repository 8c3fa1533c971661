using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Approvals;

namespace NumbersBot.Bot.Hosting;

public static class DomainRegistration
{
    /// <summary>The domain's handlers and what they need from the outside: a clock, ids, policies from configuration.</summary>
    public static IServiceCollection AddDomain(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var type in DomainServices.Scoped) services.AddScoped(type);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IIdSource, RandomIds>();
        services.AddSingleton(BotSettings.ApprovalPolicy(configuration));
        services.AddSingleton(new Domain.Telephony.TelephonyWorkPolicy(
            TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Telephony:StepLeaseSeconds", (int)Domain.Telephony.TelephonyWorkPolicy.Default.Lease.TotalSeconds))));
        services.AddSingleton(Domain.Telephony.TestCallPolicy.Default with
        {
            PerDay = BotSettings.PositiveInt(configuration, "Twilio:TestCalls:PerDay", Domain.Telephony.TestCallPolicy.DefaultPerDay),
        });
        services.AddSingleton(new BootstrapAdmins(BotSettings.Admins(configuration)));
        services.AddSingleton(BotSettings.AccessDefaults(configuration));
        return services;
    }
}
