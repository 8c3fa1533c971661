namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>
/// Keeps Twilio's request id of the last answer within one call, so a failure's log line can quote it to Twilio
/// support: the SDK's ApiException does not carry the Twilio-Request-Id header.
/// </summary>
public sealed class TwilioRequestIds : DelegatingHandler
{
    public const string Header = "Twilio-Request-Id";

    private static readonly AsyncLocal<Watch?> Current = new();

    /// <summary>Call before a Twilio call in the same async method; the answer's request id lands in the watch.</summary>
    public static Watch Start() => Current.Value = new Watch();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Current.Value is { } watch && response.Headers.TryGetValues(Header, out var ids)) watch.RequestId = ids.FirstOrDefault();
        return response;
    }

    public sealed class Watch
    {
        public string? RequestId { get; set; }
    }
}
