using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Telephony.Twilio;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Telephony;

public class TwilioSettingsTests
{
    private static readonly Uri Nowhere = new("http://127.0.0.1:9");

    [Theory]
    [InlineData("Twilio:AccountSid", null, "Twilio:AccountSid is not set")]
    [InlineData("Twilio:AuthToken", null, "Twilio needs AuthToken, or ApiKeySid and ApiKeySecret")]
    [InlineData("Twilio:AccountSid", "AC123", "Twilio:AccountSid is 'AC123'; it must be a Twilio SID")]
    [InlineData("Twilio:Regulatory:GB:AddressSid", null, "Twilio:Regulatory:GB needs both BundleSid and AddressSid")]
    [InlineData("Twilio:Customers:acme:AuthToken", null, "Twilio:Customers:acme needs AuthToken")]
    [InlineData("Twilio:Trunks:acme:Production", "TK00000000000000000000000000000001", "'Production' is not an environment")]
    [InlineData("Twilio:Trunks:acme:2", "TK00000000000000000000000000000001", "'2' is not an environment")]
    [InlineData("Twilio:ApiBaseUrl", "api.example.com", "Twilio:ApiBaseUrl is 'api.example.com'")]
    [InlineData("Twilio:TestCaller", "0800 TESTING", "Twilio:TestCaller is '0800 TESTING'; it must be one of the platform's pool numbers in E.164")]
    public void Choosing_Twilio_with_missing_or_invalid_settings_stops_start_up_with_one_sentence(string key, string? value, string sentence)
    {
        var configuration = TwilioBot.Configuration(Nowhere, new Dictionary<string, string?> { [key] = value });

        var problem = Assert.Throws<ConfigurationProblem>(() => new ServiceCollection().AddTelephony(configuration));

        Assert.Contains(sentence, problem.Message);
        Assert.DoesNotContain(TwilioBot.PoolToken, problem.Message);
    }

    [Fact]
    public void An_API_key_signs_in_to_the_pool_account_in_place_of_the_auth_token()
    {
        var configuration = TwilioBot.Configuration(Nowhere, new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = null,
            ["Twilio:ApiKeySid"] = "SK00000000000000000000000000000001",
            ["Twilio:ApiKeySecret"] = "key-secret",
        });

        var settings = TwilioSettings.From(configuration);

        Assert.Equal(TwilioBot.PoolAccount, settings.Pool.AccountSid);
        Assert.DoesNotContain("key-secret", settings.Pool.ToString());
    }

    [Fact]
    public async Task Telephony_Provider_Twilio_puts_the_Twilio_provider_behind_the_domains_port()
    {
        await using var bot = await TwilioBot.StartAsync();

        Assert.IsType<TwilioTelephonyProvider>(bot.Telephony);
    }
}
