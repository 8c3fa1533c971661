using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Templating;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// What <see cref="SlackMessages"/> did on JSON trees, kept for one commit so that a test can show the byte path writes the
/// same. Replies as Slack messages and modals, from the same view models as the Adaptive Cards: messages from
/// cards/slack/&lt;view&gt;.json, the forms also as modals from cards/slack/&lt;view&gt;.modal.json.
/// </summary>
public sealed class DomSlackMessages(CardRenderer cards)
{
    private readonly ConcurrentDictionary<string, CardTemplate> _modals = new();

    /// <summary>
    /// The message for a reply, within Slack's limits. A numbers view too big for one message lists fewer
    /// environments' rows (the others keep their header and a button to show them), keeping <paramref name="focusEnvironment"/>'s.
    /// </summary>
    public JsonObject Message(Reply reply, string? focusEnvironment = null)
    {
        if (reply.Model is NumbersView numbers) return Numbers(numbers, focusEnvironment);
        var message = Render(reply.View, reply.Model);
        return DomBlockKit.FitsMessage(message) ? message : DomBlockKit.Truncate(message);
    }

    /// <summary>The modal for a form view; <paramref name="privateMetadata"/> comes back with the submission.</summary>
    public JsonObject Modal(Reply reply, string privateMetadata)
    {
        if (!SlackMessages.IsForm(reply.View)) throw new ArgumentException($"The view '{reply.View}' has no modal.", nameof(reply));
        var template = _modals.GetOrAdd(reply.View, view =>
            CardTemplate.Parse(File.ReadAllText(Path.Combine(cards.CardsFolder, "slack", $"{view}.modal.json"))));
        var modal = DomBlockKit.Finish(DomExpand(template, reply.Model));
        modal["private_metadata"] = privateMetadata;
        return modal;
    }

    private JsonObject Numbers(NumbersView view, string? focus)
    {
        var message = Render(ViewNames.Numbers, view);
        var folded = new List<string>();
        foreach (var environment in FoldOrder(view, focus))
        {
            if (DomBlockKit.FitsMessage(message)) return message;
            folded.Add(environment);
            message = Render(ViewNames.Numbers, SlackMessages.Folded(view, folded));
        }
        return DomBlockKit.FitsMessage(message) ? message : DomBlockKit.Truncate(message);
    }

    /// <summary>
    /// Which environments give up their rows, in order: all but one that keeps them: the one asked for, else Live
    /// (what on-call staff look after), else the first with numbers.
    /// </summary>
    private static IEnumerable<string> FoldOrder(NumbersView view, string? focus)
    {
        var listed = view.Environments.Where(e => e.Numbers.Count > 0).ToList();
        var kept = listed.FirstOrDefault(e => string.Equals(e.Key, focus, StringComparison.OrdinalIgnoreCase))
            ?? listed.FirstOrDefault(e => e.IsLive) ?? listed.FirstOrDefault();
        return listed.Where(e => e != kept).Select(e => e.Key).ToList();
    }

    private JsonObject Render(string view, object model)
    {
        using var json = JsonBuffer.Rent();
        cards.Write(json.Writer, view, model, CardFormat.BlockKit);
        return DomBlockKit.Finish(JsonNode.Parse(json.WrittenSpan)!);
    }

    private static JsonNode DomExpand(CardTemplate template, object model)
    {
        using var json = JsonBuffer.Rent();
        template.Write(json.Writer, model, CardRenderer.Json);
        return JsonNode.Parse(json.WrittenSpan)!;
    }
}
