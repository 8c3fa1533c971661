namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// A verified Slack body as the endpoint behind <see cref="SlackVerification"/> gets it: the bytes, and their form
/// fields parsed at most once per request (the filter looks for ssl_check, the endpoint reads the rest).
/// </summary>
public sealed class SlackBody(byte[] bytes)
{
    private IReadOnlyDictionary<string, string>? _form;

    public byte[] Bytes => bytes;

    /// <summary>The form fields; throws <see cref="SlackRequestException"/> when the body is not UTF-8 (and again on each read).</summary>
    public IReadOnlyDictionary<string, string> Form => _form ??= SlackPayloads.Form(bytes);
}
