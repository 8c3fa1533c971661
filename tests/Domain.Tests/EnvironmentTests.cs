namespace NumbersBot.Domain.Tests;

public sealed class EnvironmentTests
{
    [Theory]
    [InlineData("live", AgentEnvironment.Live)]
    [InlineData("LIVE", AgentEnvironment.Live)]
    [InlineData("Pre-release", AgentEnvironment.PreRelease)]
    [InlineData("prerelease", AgentEnvironment.PreRelease)]
    [InlineData("pre_release", AgentEnvironment.PreRelease)]
    [InlineData(" Sandbox ", AgentEnvironment.Sandbox)]
    public void Environments_are_read_as_people_type_them(string text, AgentEnvironment environment) =>
        Assert.Equal(environment, AgentEnvironments.Parse(text));

    [Theory]
    [InlineData("production")]
    [InlineData("staging")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_environments_are_refused_with_the_choices(string? text)
    {
        var refusal = Refusals.Refused(() => AgentEnvironments.Parse(text), RefusalKind.Invalid);

        Assert.Contains("Choose Sandbox, Pre-release or Live", refusal.Message);
    }

    [Theory]
    [InlineData(AgentEnvironment.Sandbox, "Sandbox")]
    [InlineData(AgentEnvironment.PreRelease, "Pre-release")]
    [InlineData(AgentEnvironment.Live, "Live")]
    public void Environments_are_named_as_the_page_names_them(AgentEnvironment environment, string name) =>
        Assert.Equal(name, environment.DisplayName());

    [Fact]
    public void Environments_are_listed_in_page_order() =>
        Assert.Equal([AgentEnvironment.Sandbox, AgentEnvironment.PreRelease, AgentEnvironment.Live], AgentEnvironments.All);

    [Fact]
    public void Promotion_goes_Sandbox_to_PreRelease_to_Live_and_no_further()
    {
        Assert.Equal(AgentEnvironment.PreRelease, AgentEnvironment.Sandbox.PromotesTo());
        Assert.Equal(AgentEnvironment.Live, AgentEnvironment.PreRelease.PromotesTo());
        Assert.Null(AgentEnvironment.Live.PromotesTo());
    }

    [Fact]
    public void Sip_addresses_keep_main_and_fallback_trimmed()
    {
        var sip = new SipAddresses(" sip:live@acme.example.com ", "sip:+441234@fallback.example.com");

        Assert.Equal("sip:live@acme.example.com", sip.Main);
        Assert.Equal("sip:+441234@fallback.example.com", sip.Fallback);
    }

    [Theory]
    [InlineData("live@acme.example.com")]
    [InlineData("http://acme.example.com")]
    [InlineData("sip:")]
    [InlineData("sip:a")]
    [InlineData("sip:live @acme.example.com")]
    [InlineData("")]
    public void A_main_address_that_is_not_a_SIP_URI_is_refused(string address)
    {
        var refusal = Refusals.Refused(() => new SipAddresses(address, "sip:fallback@acme.example.com"), RefusalKind.Invalid);

        Assert.Contains("main SIP address", refusal.Message);
    }

    [Fact]
    public void A_fallback_address_that_is_not_a_SIP_URI_is_refused()
    {
        var refusal = Refusals.Refused(() => new SipAddresses("sip:live@acme.example.com", "fallback.example.com"), RefusalKind.Invalid);

        Assert.Contains("fallback SIP address", refusal.Message);
    }

    [Fact]
    public void An_environment_without_SIP_addresses_says_who_sets_them()
    {
        var project = new Project("acme", "Acme Support", TelephonyIntegration.PlatformPool,
            new Dictionary<AgentEnvironment, SipAddresses> { [AgentEnvironment.Sandbox] = DomainWorld.SipOf("sandbox") });

        var refusal = Refusals.Refused(() => project.SipFor(AgentEnvironment.Live), RefusalKind.Invalid);

        Assert.Contains("no SIP addresses for Live yet; a NumbersBot admin sets them", refusal.Message);
        Assert.Null(project.SipOrNull(AgentEnvironment.PreRelease));
    }
}
