using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Templating;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Cards;

public enum CardFormat
{
    /// <summary>Adaptive Cards 1.5: Teams and the local web chat.</summary>
    Adaptive,
    /// <summary>Block Kit blocks: Slack.</summary>
    BlockKit,
    /// <summary>A Block Kit modal: Slack's forms.</summary>
    SlackModal,
}

/// <summary>
/// Turns a reply's view model into a card by expanding the view's template from cards/ (Adaptive) or
/// cards/slack/ (Block Kit, and Slack's modals). Templates are compiled once (<see cref="CompileAll"/> at start-up) and write straight to a
/// <see cref="Utf8JsonWriter"/>; a card asked for again with the same data is copied instead (<see cref="WrittenCards"/>).
/// </summary>
public sealed class CardRenderer(string cardsFolder)
{
    /// <summary>The JSON every template binds to: the view model with camelCase names.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        // Cards are JSON read by card renderers, never inlined into HTML; keep "+44" and "–" readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Which model each view renders, so samples and replies can be checked against one another.</summary>
    public static IReadOnlyDictionary<string, Type> ModelTypes { get; } = new Dictionary<string, Type>
    {
        [ViewNames.Numbers] = typeof(NumbersView),
        [ViewNames.AddNumberForm] = typeof(AddNumberFormView),
        [ViewNames.ReassignForm] = typeof(ReassignFormView),
        [ViewNames.ConfirmDelete] = typeof(ConfirmDeleteView),
        [ViewNames.Result] = typeof(ResultView),
        [ViewNames.Error] = typeof(ErrorView),
        [ViewNames.Approvals] = typeof(ApprovalsView),
        [ViewNames.Approval] = typeof(ApprovalView),
        [ViewNames.History] = typeof(HistoryView),
        [ViewNames.Help] = typeof(HelpView),
        [ViewNames.Projects] = typeof(ProjectsView),
        [ViewNames.Project] = typeof(ProjectView),
        [ViewNames.ProjectForm] = typeof(ProjectFormView),
        [ViewNames.SipForm] = typeof(SipFormView),
        [ViewNames.Access] = typeof(AccessView),
        [ViewNames.AccessForm] = typeof(AccessFormView),
        [ViewNames.Variants] = typeof(VariantsView),
        [ViewNames.VariantForm] = typeof(VariantFormView),
        [ViewNames.ConfirmPromote] = typeof(ConfirmPromoteView),
        [ViewNames.ConfirmLiveChange] = typeof(ConfirmLiveChangeView),
    };

    private readonly ConcurrentDictionary<(string, CardFormat), CardTemplate> _templates = new();
    private readonly WrittenCards _written = new();
    private long _expansions;

    public static CardRenderer FromOutputFolder() => new(Path.Combine(AppContext.BaseDirectory, "cards"));

    public string CardsFolder => cardsFolder;

    /// <summary>The card as a JSON tree: for what still edits one (the Teams people picker form) and tests; channels send <see cref="Write(Utf8JsonWriter, Reply, CardFormat, Action{Utf8JsonWriter}?)"/>'s bytes.</summary>
    public JsonNode Render(Reply reply, CardFormat format) => Render(reply.View, reply.Model, format);

    public JsonNode Render(string view, object model, CardFormat format)
    {
        using var json = JsonBuffer.Rent();
        Write(json.Writer, view, model, format);
        return JsonNode.Parse(json.WrittenSpan)!;
    }

    /// <summary>
    /// Writes the card for <paramref name="model"/>; <paramref name="extras"/> adds properties at the end of the card
    /// (Teams' refresh).
    /// </summary>
    public void Write(Utf8JsonWriter writer, string view, object model, CardFormat format, Action<Utf8JsonWriter>? extras = null)
    {
        var template = Template(view, format);
        var data = ModelShapes.For(Json).Value(model);
        // An indented writer (tests, tools) gets its own layout; copies are written compact.
        var card = writer.Options.Indented ? null : Kept(template, writer.Options, data);
        if (card is null)
        {
            template.Write(writer, data, extras);
            Interlocked.Increment(ref _expansions);
        }
        else
            RawJson.WriteWithExtras(writer, card, extras);
    }

    /// <summary>
    /// The expansion as compact bytes written with <paramref name="options"/>, the same array each time the same data
    /// asks for it again (so what is derived from it can be kept with it); null the first time the data is seen (and when
    /// it cannot be keyed): then the caller writes it with <see cref="WriteExpansion"/>.
    /// </summary>
    internal byte[]? Expanded(string view, object model, CardFormat format, JsonWriterOptions options) =>
        options.Indented ? null : Kept(Template(view, format), options, ModelShapes.For(Json).Value(model));

    /// <summary>Expands the card without keeping it (what a caller that keeps its own result from <see cref="Expanded"/> falls back to).</summary>
    internal void WriteExpansion(Utf8JsonWriter writer, string view, object model, CardFormat format)
    {
        Template(view, format).Write(writer, ModelShapes.For(Json).Value(model), extras: null);
        Interlocked.Increment(ref _expansions);
    }

    private byte[]? Kept(CardTemplate template, JsonWriterOptions options, in TemplateValue data)
    {
        var card = _written.Card(template, options, data, out var expandedNow);
        if (expandedNow) Interlocked.Increment(ref _expansions);
        return card;
    }

    /// <summary>Cards kept for copying now (see <see cref="WrittenCards"/>): what tests observe.</summary>
    internal int KeptCards => _written.Kept;

    /// <summary>Expansions done rather than copied (see <see cref="WrittenCards"/>): what tests observe.</summary>
    internal long Expansions => Interlocked.Read(ref _expansions);

    public void Write(Utf8JsonWriter writer, Reply reply, CardFormat format, Action<Utf8JsonWriter>? extras = null) =>
        Write(writer, reply.View, reply.Model, format, extras);

    /// <summary>The compiled template for a view (compiled on first use, or by <see cref="CompileAll"/> at start-up).</summary>
    public CardTemplate Template(string view, CardFormat format) => _templates.GetOrAdd((view, format), key => Load(key.Item1, key.Item2));

    /// <summary>Compiles every view's templates, so a bad template stops start-up and no request pays for compiling.</summary>
    public CardRenderer CompileAll()
    {
        foreach (var view in ModelTypes.Keys)
            foreach (var format in Enum.GetValues<CardFormat>())
                if (File.Exists(TemplatePath(view, format))) Template(view, format);
        return this;
    }

    public string TemplatePath(string view, CardFormat format) => format switch
    {
        CardFormat.Adaptive => Path.Combine(cardsFolder, $"{view}.json"),
        CardFormat.BlockKit => Path.Combine(cardsFolder, "slack", $"{view}.json"),
        _ => Path.Combine(cardsFolder, "slack", $"{view}.modal.json"),
    };

    private CardTemplate Load(string view, CardFormat format)
    {
        if (!ModelTypes.ContainsKey(view)) throw new ArgumentException($"There is no view '{view}'.", nameof(view));
        return CardTemplate.Parse(File.ReadAllText(TemplatePath(view, format)));
    }
}
