using System.Text.Encodings.Web;

namespace NumbersBot.Bot.Channels.Local;

/// <summary>The chat page's HTML and CSS, kept in the assembly so `dotnet run` needs no files or build step beside it.</summary>
public static class ChatPage
{
    public const string ScriptPath = "/local/chat.js";
    public const string StylePath = "/local/chat.css";

    public static string Html(string adaptiveCardsScriptUrl) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>NumbersBot · local chat</title>
          <link rel="icon" href="data:,">
          <link rel="stylesheet" href="{{StylePath}}">
          <script id="adaptivecards-script" src="{{HtmlEncoder.Default.Encode(adaptiveCardsScriptUrl)}}" defer></script>
          <script src="{{ScriptPath}}" defer></script>
        </head>
        <body>
          <header>
            <div class="title">
              <strong>NumbersBot</strong>
              <span>local chat · no sign-in, for development only</span>
            </div>
            <label class="person">You are
              <select id="person" disabled><option>loading…</option></select>
            </label>
          </header>
          <main id="conversation" aria-live="polite"></main>
          <footer>
            <form id="composer" autocomplete="off">
              <input id="text" name="text" placeholder="Type a command, e.g. numbers" aria-label="Command" disabled>
              <button id="send" type="submit" disabled>Send</button>
            </form>
            <div class="hint">
              <code>numbers</code> <code>numbers &lt;project&gt;</code> <code>approvals</code>
              <code>history &lt;number&gt;</code> <code>help</code>
            </div>
          </footer>
        </body>
        </html>
        """;

    public const string Style = """
        * { box-sizing: border-box; }
        html, body { height: 100%; margin: 0; }
        body {
          display: flex; flex-direction: column; background: #eef1f5; color: #1f2933;
          font: 14px/1.45 "Segoe UI", system-ui, -apple-system, Helvetica, Arial, sans-serif;
        }
        header {
          display: flex; align-items: center; justify-content: space-between; gap: 16px;
          padding: 10px 20px; background: #24364d; color: #fff;
        }
        header .title strong { font-size: 17px; margin-right: 10px; }
        header .title span { opacity: .75; font-size: 12px; }
        header select { margin-left: 6px; padding: 4px 6px; border-radius: 4px; border: 0; font: inherit; }
        main { flex: 1; overflow-y: auto; padding: 20px; }
        footer { padding: 10px 20px 12px; background: #fff; border-top: 1px solid #d5dbe3; }
        #composer { display: flex; gap: 8px; max-width: 900px; margin: 0 auto; }
        #text { flex: 1; padding: 8px 10px; border: 1px solid #b8c2cf; border-radius: 6px; font: inherit; }
        #send { padding: 8px 18px; border: 0; border-radius: 6px; background: #2f6fde; color: #fff; font: inherit; cursor: pointer; }
        #send:disabled, #text:disabled { opacity: .5; cursor: default; }
        .hint { max-width: 900px; margin: 6px auto 0; color: #5c6b7d; font-size: 12px; }
        .hint code { margin-right: 6px; }
        code { background: #eef1f5; padding: 0 4px; border-radius: 3px; font-size: 92%; }

        .message { max-width: 900px; margin: 0 auto 14px; display: flex; flex-direction: column; }
        .message .who { font-size: 12px; color: #5c6b7d; margin: 0 4px 3px; }
        .message.user { align-items: flex-end; }
        .message.user .body { background: #2f6fde; color: #fff; padding: 7px 12px; border-radius: 14px 14px 2px 14px; white-space: pre-wrap; }
        .message.bot .body { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(20, 40, 70, .18); overflow: hidden; }
        .message.bot .body.pending { padding: 10px 14px; color: #5c6b7d; }
        .message.bot .body.problem { padding: 10px 14px; background: #fdecec; color: #8a1c1c; border: 1px solid #f3b4b4; box-shadow: none; }
        .message.note { align-items: center; color: #5c6b7d; font-size: 12px; }
        .message.busy .body { opacity: .55; pointer-events: none; }

        /* The renderer leaves buttons and inputs unstyled for the host to dress; a narrow button lets its title end in "…". */
        .ac-pushButton {
          padding: 5px 12px; border: 1px solid #b8c2cf; border-radius: 5px; background: #fff; color: #1f2933;
          font: inherit; font-size: 13px; cursor: pointer; min-width: 0; overflow: hidden;
        }
        .ac-pushButton:hover { background: #f1f4f8; }
        .ac-pushButton.style-positive { background: #2f6fde; border-color: #2f6fde; color: #fff; }
        .ac-pushButton.style-positive:hover { background: #2559b5; }
        .ac-pushButton.style-destructive { color: #b42318; border-color: #f0b3ad; }
        .ac-pushButton.style-destructive:hover { background: #fdecec; }
        .ac-pushButton:disabled, .ac-pushButton-disabled { opacity: .5; cursor: default; }
        .ac-input:not(.ac-choiceSetInput-expanded) { padding: 5px 8px; border: 1px solid #b8c2cf; border-radius: 5px; font: inherit; }
        .ac-input.ac-input-validation-failed { border-color: #d92d20; }
        .ac-selectable { cursor: pointer; }
        """;
}
