using NumbersBot.Domain.Telephony;
using Quartz;

namespace NumbersBot.Bot.Telephony.Twilio;

public static class TwilioServices
{
    /// <summary>Reads and checks the Twilio settings (a problem stops start-up), and reconciles purchases on start-up and periodically.</summary>
    public static IServiceCollection AddTwilioTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TwilioSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(TwilioDriftSettings.From(configuration));

        var http = services.AddHttpClient(TwilioClients.HttpClientName, client => client.Timeout = settings.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        if (settings.ApiBaseUrl is { } baseUrl) http.AddHttpMessageHandler(() => new TwilioBaseUrlHandler(baseUrl));

        services.AddSingleton<TwilioClients>();
        services.AddSingleton<TwilioCaller>();
        services.AddSingleton<SipTrunks>();
        services.AddSingleton<TwilioTelephonyProvider>();
        services.AddSingleton<ITelephonyProvider>(provider => provider.GetRequiredService<TwilioTelephonyProvider>());
        services.AddScoped<PurchaseReconciler>();
        services.AddSingleton<TwilioPacing>();
        services.AddSingleton<TwilioPages>();
        services.AddSingleton<IProviderHoldings, TwilioHoldings>();

        services.AddQuartz(quartz => quartz.ScheduleJob<PurchaseReconcileJob>(
            trigger => trigger.WithIdentity("purchase-reconcile").StartNow().WithSimpleSchedule(s => s.WithInterval(settings.ReconcileEvery).RepeatForever()),
            job => job.WithIdentity("purchase-reconcile")));
        services.AddQuartzHostedService();
        return services;
    }
}
