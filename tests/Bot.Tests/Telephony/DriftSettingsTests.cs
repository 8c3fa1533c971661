using NumbersBot.Bot.Telephony.Twilio;

namespace NumbersBot.Bot.Tests.Telephony;

public class DriftSettingsTests
{
    [Theory]
    [InlineData("Twilio:Reconcile:Drift:Enabled", "sometimes")]
    [InlineData("Twilio:Reconcile:Drift:EveryMinutes", "0")]
    [InlineData("Twilio:Reconcile:Drift:RequestsPerSecond", "fast")]
    public void A_bad_drift_setting_stops_start_up_naming_the_key(string key, string value)
    {
        var configuration = TwilioBot.Configuration(new Uri("http://127.0.0.1:1/"), new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key, Assert.Throws<ConfigurationProblem>(() => TwilioDriftSettings.From(configuration)).Message);
    }
}
