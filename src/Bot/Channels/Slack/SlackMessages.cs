using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Cards.Templating;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Replies as Slack messages and modals, from the same view models as the Adaptive Cards: messages from
/// cards/slack/&lt;view&gt;.json, the forms also as modals from cards/slack/&lt;view&gt;.modal.json.
/// </summary>
public sealed class SlackMessages(CardRenderer cards)
{
    private readonly ConcurrentDictionary<string, CardTemplate> _modals = new();

    /// <summary>Views that Slack shows as a modal when there is a trigger to open one.</summary>
    public static bool IsForm(string view) => view is ViewNames.AddNumberForm or ViewNames.ReassignForm or ViewNames.ProjectForm or ViewNames.SipForm
        or ViewNames.AccessForm or ViewNames.VariantForm;

    /// <summary>
    /// The message for a reply, within Slack's limits. A numbers view too big for one message lists fewer
    /// environments' rows (the others keep their header and a button to show them), keeping <paramref name="focusEnvironment"/>'s.
    /// </summary>
    public JsonObject Message(Reply reply, string? focusEnvironment = null)
    {
        if (reply.Model is NumbersView numbers) return Numbers(numbers, focusEnvironment);
        var message = Render(reply.View, reply.Model);
        return BlockKit.FitsMessage(message) ? message : BlockKit.Truncate(message);
    }

    /// <summary>The modal for a form view; <paramref name="privateMetadata"/> comes back with the submission.</summary>
    public JsonObject Modal(Reply reply, string privateMetadata)
    {
        if (!IsForm(reply.View)) throw new ArgumentException($"The view '{reply.View}' has no modal.", nameof(reply));
        var template = _modals.GetOrAdd(reply.View, view =>
            CardTemplate.Parse(File.ReadAllText(Path.Combine(cards.CardsFolder, "slack", $"{view}.modal.json"))));
        var modal = BlockKit.Finish(template.Expand(JsonSerializer.SerializeToNode(reply.Model, reply.Model.GetType(), CardRenderer.Json)));
        modal["private_metadata"] = privateMetadata;
        return modal;
    }

    /// <summary>The view with these environments' rows left out (their count and header stay).</summary>
    public static NumbersView Folded(NumbersView view, IEnumerable<string> environmentKeys)
    {
        var keys = environmentKeys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return view with { Environments = [.. view.Environments.Select(e => keys.Contains(e.Key) ? e with { Numbers = [] } : e)] };
    }

    private JsonObject Numbers(NumbersView view, string? focus)
    {
        var message = Render(ViewNames.Numbers, view);
        var folded = new List<string>();
        foreach (var environment in FoldOrder(view, focus))
        {
            if (BlockKit.FitsMessage(message)) return message;
            folded.Add(environment);
            message = Render(ViewNames.Numbers, Folded(view, folded));
        }
        return BlockKit.FitsMessage(message) ? message : BlockKit.Truncate(message);
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

    private JsonObject Render(string view, object model) => BlockKit.Finish(cards.Render(view, model, CardFormat.BlockKit));
}
