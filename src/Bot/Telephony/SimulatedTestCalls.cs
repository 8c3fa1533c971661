using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Telephony;

/// <summary>
/// Test calls with no one to call: the outcome follows the number's last digit, so anyone can try each one (README,
/// "The simulated provider"): 7 busy, 8 no answer, 9 failed with Twilio error 32011 (SIP 503), anything else answered
/// after 2–4 s (the demo numbers all answer).
/// </summary>
public sealed class SimulatedTestCalls(SimulatedTelephonyFaults faults, ILogger<SimulatedTestCalls> logger) : ITestCalls
{
    public Task<string> PlaceAsync(ProvisionedNumber number, CancellationToken ct)
    {
        faults.ThrowIfFailing("a test call");
        logger.LogInformation("Simulated test call to {Number}", number.Number.E164);
        return Task.FromResult($"SIMCA{number.Number.E164[1..]}");
    }

    public Task<TestCallOutcome?> OutcomeAsync(string projectId, ProvisionedNumber number, string reference, CancellationToken ct)
    {
        var last = number.Number.E164[^1] - '0';
        TestCallOutcome outcome = last switch
        {
            7 => new(TestCallStatus.Busy, SipCode: 486),
            8 => new(TestCallStatus.NoAnswer),
            9 => new(TestCallStatus.Failed, ProviderCode: "32011", SipCode: 503,
                ProviderMessage: "Error communicating with your SIP communications infrastructure (simulated)."),
            _ => new(TestCallStatus.Answered, AnsweredAfter: TimeSpan.FromSeconds(2 + last % 3)),
        };
        return Task.FromResult<TestCallOutcome?>(outcome);
    }
}
