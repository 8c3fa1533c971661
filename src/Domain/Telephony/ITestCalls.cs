using NumbersBot.Domain.Numbers;

namespace NumbersBot.Domain.Telephony;

/// <summary>How a test call ended, as the provider reports it.</summary>
public enum TestCallStatus
{
    Answered,
    Busy,
    NoAnswer,
    Failed,
    /// <summary>The provider refused to place it, or its answer was lost, so it is not known to have rung.</summary>
    NotPlaced,
}

/// <summary>
/// A finished test call. <paramref name="AnsweredAfter"/>: how long it rang before it was answered.
/// <paramref name="ProviderCode"/> and <paramref name="ProviderMessage"/>: the provider's error and what it said, when it failed.
/// <paramref name="SipCode"/>: the SIP response the agent's address gave, when the provider reports one.
/// </summary>
public sealed record TestCallOutcome(
    TestCallStatus Status, TimeSpan? AnsweredAfter = null, string? ProviderCode = null, string? ProviderMessage = null, int? SipCode = null)
{
    /// <summary>One sentence a person can act on.</summary>
    public string Describe(PhoneNumber number) => Status switch
    {
        TestCallStatus.Answered =>
            $"Answered after {Seconds(AnsweredAfter ?? TimeSpan.Zero)}: calls to {number.Display} reach the agent. NumbersBot hung up after a few seconds.",
        TestCallStatus.Busy => $"Busy: the agent's SIP address answered busy{Sip}, so callers to {number.Display} hear a busy tone.",
        TestCallStatus.NoAnswer => $"No answer: {number.Display} rang and nobody picked up{Sip}; check that the agent is running on its SIP address.",
        TestCallStatus.Failed => $"Failed{Code}: {FailureMeaning}{Said}",
        _ => $"Not placed: {ProviderMessage ?? "the provider did not place the call."}",
    };

    private string Sip => SipCode is { } sip ? $" (SIP {sip})" : "";

    private string Code => ProviderCode is { } code ? $" with Twilio error {code}{Sip}" : Sip;

    private string FailureMeaning => SipCode is not null || ProviderCode?.StartsWith("32", StringComparison.Ordinal) == true
        ? "the agent's SIP address refused the call or could not be reached, so callers do not reach the agent."
        : "the call did not go through, so callers may not reach the agent.";

    private string Said => ProviderMessage is { Length: > 0 } said ? $" Twilio said: {said}" : "";

    private static string Seconds(TimeSpan time) => time.TotalSeconds < 1 ? "less than a second" : $"{Math.Round(time.TotalSeconds)} s";
}

/// <summary>
/// Short calls to a listed number from the configured test caller, proving that a call reaches the agent. A separate
/// port from <see cref="ITelephonyProvider"/>: placing a call is not managing numbers. Failures are
/// <see cref="DomainException"/>s a person can act on.
/// </summary>
public interface ITestCalls
{
    /// <summary>Places one call that rings for a limited time and hangs up a few seconds after it is answered; returns its reference (Twilio's call SID).</summary>
    Task<string> PlaceAsync(ProvisionedNumber number, CancellationToken ct);

    /// <summary>
    /// How the call ended, looked up by its reference; null while it is still queued, ringing or in progress. Why a call to a
    /// connected number (<see cref="NumberSource.Twilio"/>) failed is read in the project's own account, where its trunk is.
    /// </summary>
    Task<TestCallOutcome?> OutcomeAsync(string projectId, ProvisionedNumber number, string reference, CancellationToken ct);
}

/// <summary>
/// <paramref name="PerDay"/>: test calls a project may place per UTC day. <paramref name="CheckEvery"/>: how often a running
/// call is looked up. <paramref name="WaitAtMost"/>: how long a request waits for the outcome before leaving it to the worker.
/// </summary>
public sealed record TestCallPolicy(int PerDay, TimeSpan CheckEvery, TimeSpan WaitAtMost)
{
    public const int DefaultPerDay = 20;

    public static TestCallPolicy Default { get; } = new(DefaultPerDay, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90));

    /// <summary>What a test call costs, from Twilio's billing rules (support.twilio.com, "How are minutes rounded for billing").</summary>
    public const string Cost =
        "Twilio bills a test call like any call: per minute, each started minute rounded up to a whole one, for the outgoing call from the " +
        "test caller and again for the incoming call on the number and its SIP trunk, at your account's voice rates.";
}
