using System.Text.Encodings.Web;

namespace NumbersBot.Bot.Channels.Local;

/// <summary>
/// The chat page: page/chat.html, chat.css and chat.js, plain browser files with no build step, embedded in the assembly
/// so `dotnet run` needs nothing beside it. The script only carries what people type and click to the JSON endpoints and
/// hands the answers to the official Adaptive Cards renderer.
/// </summary>
public static class ChatPage
{
    public const string ScriptPath = "/local/chat.js";
    public const string StylePath = "/local/chat.css";
    private const string RendererUrlSlot = "{{adaptive-cards-script-url}}";

    private static readonly Lazy<string> Page = new(() => Read("chat.html"));
    private static readonly Lazy<string> StyleText = new(() => Read("chat.css"));
    private static readonly Lazy<string> ScriptText = new(() => Read("chat.js"));

    public static string Style => StyleText.Value;

    public static string Script => ScriptText.Value;

    public static string Html(string adaptiveCardsScriptUrl) =>
        Page.Value.Replace(RendererUrlSlot, HtmlEncoder.Default.Encode(adaptiveCardsScriptUrl), StringComparison.Ordinal);

    private static string Read(string name)
    {
        using var stream = typeof(ChatPage).Assembly.GetManifestResourceStream($"chat/{name}")
            ?? throw new InvalidOperationException($"The chat page's {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
