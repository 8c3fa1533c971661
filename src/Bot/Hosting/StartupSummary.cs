using NumbersBot.Bot.Channels.Local;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Telephony;
using NumbersBot.Domain.Access;

namespace NumbersBot.Bot.Hosting;

/// <summary>
/// One line at start-up that tells an operator what this instance serves and on what, so a misconfigured deployment is
/// seen in the log before anyone uses it; and a warning when a real deployment would only pretend to buy numbers.
/// </summary>
public static class StartupSummary
{
    public const string SimulatedInProduction =
        "Telephony:Provider is Simulated: NumbersBot buys, routes and releases nothing at Twilio, and its numbers and call " +
        "figures are made up. Set Telephony:Provider=Twilio to manage real numbers (docs/twilio.md).";

    public static void Log(WebApplication app, DatabaseOptions database)
    {
        // What the registrations already read, so the line cannot disagree with what the instance does.
        var services = app.Services;
        var channels = new List<string>();
        if (services.GetRequiredService<TeamsSettings>().Enabled) channels.Add("Teams");
        if (services.GetRequiredService<SlackSettings>().Enabled) channels.Add("Slack");
        if (LocalChat.IsOn(services.GetRequiredService<LocalChatSettings>(), app.Environment)) channels.Add("the local chat");
        var telephony = services.GetRequiredService<TelephonyChoice>().Provider;
        app.Logger.LogInformation("NumbersBot serves {Channels} with {Telephony} telephony on {Database}, with {Admins} configured admin(s)",
            string.Join(", ", channels), telephony, database, services.GetRequiredService<BootstrapAdmins>().Keys.Count);
        if (telephony == TelephonyProviderKind.Simulated && !app.Environment.IsDevelopment()) app.Logger.LogWarning(SimulatedInProduction);
    }
}
