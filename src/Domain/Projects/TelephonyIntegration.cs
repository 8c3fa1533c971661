namespace NumbersBot.Domain.Projects;

/// <summary>How a project's numbers reach it; without one, numbers cannot be managed at all.</summary>
public enum TelephonyIntegration
{
    None,
    /// <summary>Numbers bought from the platform's own pool.</summary>
    PlatformPool,
    /// <summary>The customer's own Twilio account, whose numbers are connected rather than bought.</summary>
    CustomerTwilio,
}
