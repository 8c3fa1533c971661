using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony.Twilio;

public static class TwilioServices
{
    /// <summary>Reads and checks the Twilio settings (a problem stops start-up); the telephony worker runs on start-up and every Twilio:Reconcile:EverySeconds.</summary>
    public static IServiceCollection AddTwilioTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TwilioSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(TwilioDriftSettings.From(configuration));

        var http = services.AddHttpClient(TwilioClients.HttpClientName, client => client.Timeout = settings.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler(() => new TwilioRequestIds());
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
        services.AddSingleton<ICallTraffic, TwilioCallTraffic>();
        services.AddSingleton<ITestCalls, TwilioTestCalls>();
        services.AddDriftCheck(configuration, TwilioDriftSettings.From(configuration), settings.ReconcileAfter);
        services.AddTelephonyWorker(settings.ReconcileEvery);
        return services;
    }
}
