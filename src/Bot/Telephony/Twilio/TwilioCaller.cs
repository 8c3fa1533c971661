using Twilio.Clients;
using Twilio.Exceptions;
using NumbersBot.Domain;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Every Twilio call but the purchase goes through here: a call that is safe to repeat is repeated, with growing
/// pauses, when Twilio answers 20429; any failure becomes a <see cref="NumbersBot.Domain.DomainException"/>.
/// </summary>
public sealed class TwilioCaller(TwilioClients clients, TwilioSettings settings, ILogger<TwilioCaller> logger)
{
    /// <summary>For reads, deletes and updates that set a value: doing them twice is the same as once.</summary>
    /// <param name="missingIsFine">A 404 returns default instead of failing: what was to be removed is already gone.</param>
    public async Task<T?> RepeatableAsync<T>(TwilioAccount account, string doing, Func<ITwilioRestClient, Task<T>> call,
        CancellationToken ct, bool missingIsFine = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var watch = TwilioRequestIds.Start();
            try
            {
                // The SDK takes no CancellationToken: this stops waiting, the HttpClient timeout ends the request.
                return await call(clients.For(account)).WaitAsync(ct);
            }
            catch (ApiException failure) when (TwilioErrors.IsRateLimited(failure) && attempt < settings.Retries)
            {
                var pause = settings.RetryDelay * Math.Pow(2, attempt);
                logger.LogInformation("Twilio asked to slow down while trying to {Doing}; retrying in {Pause}", doing, pause);
                // Wall-clock pacing for Twilio's sake, not domain time, so it does not come from TimeProvider.
                await Task.Delay(pause, ct);
            }
            catch (ApiException failure) when (missingIsFine && TwilioErrors.IsMissing(failure))
            {
                return default;
            }
            catch (Exception failure) when (failure is TwilioException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                throw Fail(failure, account, doing, watch);
            }
        }
    }

    /// <summary>For calls that create something: repeating them could create it twice, so they are made once.</summary>
    /// <param name="unknownUnlessRefused">
    /// A failure that is not Twilio's refusal says the outcome is unknown (<see cref="TwilioErrors.AfterCreate"/>): for a
    /// create whose double must be avoided, such as a test call that rings a phone.
    /// </param>
    public async Task<T> OnceAsync<T>(TwilioAccount account, string doing, Func<ITwilioRestClient, Task<T>> call, CancellationToken ct,
        bool unknownUnlessRefused = false)
    {
        var watch = TwilioRequestIds.Start();
        try
        {
            return await call(clients.For(account)).WaitAsync(ct);
        }
        catch (Exception failure) when (failure is TwilioException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            var explained = Fail(failure, account, doing, watch);
            throw unknownUnlessRefused ? TwilioErrors.AfterCreate(failure, explained) : explained;
        }
    }

    /// <summary>
    /// The one Warning line of a failed Twilio call, with what an operator needs to ask Twilio about it (code, HTTP
    /// status, request id), and the person's sentence, which has none of it.
    /// </summary>
    public DomainException Fail(Exception failure, TwilioAccount account, string doing, TwilioRequestIds.Watch watch, string? consequence = null)
    {
        var api = failure as ApiException;
        logger.LogWarning("Twilio call failed: {Operation} in {Account}; Twilio error {Code}, HTTP {Status}, request id {RequestId}: {Reason}",
            doing, account.Label, api?.Code.ToString() ?? "none", api?.Status.ToString() ?? "none", watch.RequestId ?? "none",
            api?.Message ?? (TwilioErrors.IsTimeout(failure) ? "no answer in time" : "not reached"));
        return TwilioErrors.Explain(failure, account, doing, consequence);
    }
}
