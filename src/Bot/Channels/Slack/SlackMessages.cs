using System.Runtime.CompilerServices;
using System.Text.Json;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Templating;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Replies as Slack messages and modals, from the same view models as the Adaptive Cards: messages from
/// cards/slack/&lt;view&gt;.json, the forms also as modals from cards/slack/&lt;view&gt;.modal.json. Each is written as the
/// UTF-8 JSON that is sent: the template's expansion finished by <see cref="BlockKit"/>, with what the sender adds
/// (where it goes, how it shows) written at its end.
/// </summary>
public sealed class SlackMessages(CardRenderer cards)
{
    /// <summary>Views that Slack shows as a modal when there is a trigger to open one.</summary>
    public static bool IsForm(string view) => view is ViewNames.AddNumberForm or ViewNames.ReassignForm or ViewNames.ProjectForm or ViewNames.SipForm
        or ViewNames.AccessForm or ViewNames.VariantForm;

    /// <summary>
    /// The message for a reply, within Slack's limits. A numbers view too big for one message lists fewer
    /// environments' rows (the others keep their header and a button to show them), keeping <paramref name="focusEnvironment"/>'s.
    /// </summary>
    public OutgoingJson Message(Reply reply, string? focusEnvironment = null, Action<Utf8JsonWriter>? extras = null) =>
        reply.Model is NumbersView numbers ? Numbers(numbers, focusEnvironment, extras) : Fitted(reply.View, reply.Model, extras, truncate: true)!;

    /// <summary>The modal for a form view; <paramref name="privateMetadata"/> comes back with the submission.</summary>
    public OutgoingJson Modal(Reply reply, string privateMetadata)
    {
        if (!IsForm(reply.View)) throw new ArgumentException($"The view '{reply.View}' has no modal.", nameof(reply));
        using var expanded = Expand(reply.View, reply.Model, CardFormat.SlackModal);
        return OutgoingJson.Write((expanded, privateMetadata), static (writer, s) =>
            BlockKit.WriteModal(s.expanded.WrittenSpan, writer, w => w.WriteString("private_metadata", s.privateMetadata)));
    }

    /// <summary>The view with these environments' rows left out (their count and header stay).</summary>
    public static NumbersView Folded(NumbersView view, IEnumerable<string> environmentKeys)
    {
        var keys = environmentKeys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return view with { Environments = [.. view.Environments.Select(e => keys.Contains(e.Key) ? e with { Numbers = [] } : e)] };
    }

    private OutgoingJson Numbers(NumbersView view, string? focus, Action<Utf8JsonWriter>? extras)
    {
        var order = FoldOrder(view, focus);
        for (var folded = 0; ; folded++)
        {
            var smaller = folded == 0 ? view : Folded(view, order.Take(folded));
            if (Fitted(ViewNames.Numbers, smaller, extras, truncate: folded == order.Count) is { } message) return message;
        }
    }

    /// <summary>
    /// Which environments give up their rows, in order: all but one that keeps them: the one asked for, else Live
    /// (what on-call staff look after), else the first with numbers.
    /// </summary>
    private static List<string> FoldOrder(NumbersView view, string? focus)
    {
        var listed = view.Environments.Where(e => e.Numbers.Count > 0).ToList();
        var kept = listed.FirstOrDefault(e => string.Equals(e.Key, focus, StringComparison.OrdinalIgnoreCase))
            ?? listed.FirstOrDefault(e => e.IsLive) ?? listed.FirstOrDefault();
        return listed.Where(e => e != kept).Select(e => e.Key).ToList();
    }

    /// <summary>The message if it fits in one Slack message; if not, null, or with <paramref name="truncate"/> its start and a note.</summary>
    private OutgoingJson? Fitted(string view, object model, Action<Utf8JsonWriter>? extras, bool truncate)
    {
        // The same expansion (the same data) again: the message finished from it the first time, with this send's extras.
        if (cards.Expanded(view, model, CardFormat.BlockKit, TemplateNode.WriterOptions) is { } kept)
        {
            var finished = _finished.GetValue(kept, Finish);
            if (finished.Size.FitsMessage)
                return OutgoingJson.Write((finished.Message, extras), static (writer, s) => RawJson.WriteWithExtras(writer, s.Message, s.extras));
            // Cut from the kept expansion: expanding the same data again would only write the same bytes.
            return truncate
                ? OutgoingJson.Write((kept, extras, finished.Size.FittingBlocks), static (writer, s) => BlockKit.WriteMessage(s.kept, writer, s.extras, s.FittingBlocks))
                : null;
        }
        using var expanded = Expand(view, model, CardFormat.BlockKit);
        var message = OutgoingJson.Write((expanded, extras), static (writer, s) => BlockKit.WriteMessage(s.expanded.WrittenSpan, writer, s.extras), out var size);
        if (size.FitsMessage) return message;
        message.Dispose();
        return truncate
            ? OutgoingJson.Write((expanded, extras, size.FittingBlocks), static (writer, s) => BlockKit.WriteMessage(s.expanded.WrittenSpan, writer, s.extras, s.FittingBlocks))
            : null;
    }

    /// <summary>A finished message without a send's extras, kept as long as the expansion it came from is kept.</summary>
    private sealed record Finished(byte[] Message, BlockKit.Size Size);

    private readonly ConditionalWeakTable<byte[], Finished> _finished = new();

    private long _finishes;

    /// <summary>Messages finished from an expansion rather than copied: what tests observe.</summary>
    internal long Finishes => Interlocked.Read(ref _finishes);

    private Finished Finish(byte[] expanded)
    {
        Interlocked.Increment(ref _finishes);
        using var message = JsonBuffer.Rent();
        var size = BlockKit.WriteMessage(expanded, message.Writer);
        return new Finished(message.WrittenSpan.ToArray(), size);
    }

    private JsonBuffer Expand(string view, object model, CardFormat format)
    {
        var expanded = JsonBuffer.Rent();
        try
        {
            cards.WriteExpansion(expanded.Writer, view, model, format);
            return expanded;
        }
        catch
        {
            expanded.Dispose();
            throw;
        }
    }
}
