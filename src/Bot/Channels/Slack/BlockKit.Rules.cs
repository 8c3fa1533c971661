using System.Text.Json;

namespace NumbersBot.Bot.Channels.Slack;

// Slack's own rules, as the pass applies them: the kinds of object they are about, what each limits, what keeps a block.
public static partial class BlockKit
{
    private enum Kind { Other, Group, Header, Section, Context, Actions, Button, Modal, Mrkdwn }

    private ref partial struct Pass
    {
        /// <summary>Where an object sits decides which of its texts Slack limits.</summary>
        private enum Parent { None, Root, ConfirmDialog, Option }

        private static int Copy(ReadOnlySpan<char> text, Span<char> into)
        {
            text.CopyTo(into);
            return text.Length;
        }

        private static int EscapeInto(ReadOnlySpan<char> text, Span<char> into)
        {
            var length = 0;
            foreach (var c in text)
            {
                var escaped = c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => null };
                if (escaped is null) into[length++] = c;
                else
                {
                    escaped.CopyTo(into[length..]);
                    length += escaped.Length;
                }
            }
            return length;
        }

        /// <summary>
        /// Cuts a text to <paramref name="max"/> with an ellipsis, never inside an escaped character nor between the two
        /// halves of an emoji (a lone half would be sent as U+FFFD); returns its new length.
        /// </summary>
        private static int Clamp(Span<char> text, int max)
        {
            var cut = text[..(max - 1)];
            var amp = cut.LastIndexOf('&');
            if (amp >= 0 && cut[amp..].IndexOf(';') < 0) cut = cut[..amp];
            if (cut.Length > 0 && char.IsHighSurrogate(cut[^1])) cut = cut[..^1];
            text[cut.Length] = '…';
            return cut.Length + 1;
        }

        /// <summary>
        /// The limit on a child text object's text, from its parent's kind (Slack's documented lengths), or from where the
        /// parent sits (a confirm dialog's texts, an option's text).
        /// </summary>
        private static int ChildTextLimit(Kind kind, Parent parent, ReadOnlySpan<byte> name) => kind switch
        {
            Kind.Header when name.SequenceEqual("text"u8) => 150,
            Kind.Section when name.SequenceEqual("text"u8) => 3000,
            Kind.Button when name.SequenceEqual("text"u8) => 75,
            Kind.Modal when name.SequenceEqual("title"u8) || name.SequenceEqual("submit"u8) || name.SequenceEqual("close"u8) => 24,
            _ => parent switch
            {
                Parent.ConfirmDialog when name.SequenceEqual("title"u8) => 100,
                Parent.ConfirmDialog when name.SequenceEqual("text"u8) => 300,
                Parent.ConfirmDialog when name.SequenceEqual("confirm"u8) || name.SequenceEqual("deny"u8) => 30,
                Parent.Option when name.SequenceEqual("text"u8) => 75,
                _ => 0,
            },
        };

        private static int ItemTextLimit(Kind kind, ReadOnlySpan<byte> arrayName) =>
            (kind == Kind.Section && arrayName.SequenceEqual("fields"u8)) || (kind == Kind.Context && arrayName.SequenceEqual("elements"u8)) ? 2000 : 0;

        private static Parent ChildParent(ReadOnlySpan<byte> name) => name.SequenceEqual("confirm"u8) ? Parent.ConfirmDialog : Parent.None;

        /// <summary>The type of the object at the reader, read ahead on a copy of the reader.</summary>
        private readonly Kind KindAhead()
        {
            var ahead = _reader;
            while (ahead.Read() && ahead.TokenType == JsonTokenType.PropertyName)
            {
                var isType = ahead.ValueTextEquals("type"u8);
                ahead.Read();
                if (isType) return ahead.TokenType == JsonTokenType.String ? KindOf(ref ahead) : Kind.Other;
                ahead.Skip();
            }
            return Kind.Other;
        }

        private static Kind KindOf(ref Utf8JsonReader type) =>
            type.ValueTextEquals("group"u8) ? Kind.Group
            : type.ValueTextEquals("header"u8) ? Kind.Header
            : type.ValueTextEquals("section"u8) ? Kind.Section
            : type.ValueTextEquals("context"u8) ? Kind.Context
            : type.ValueTextEquals("actions"u8) ? Kind.Actions
            : type.ValueTextEquals("button"u8) ? Kind.Button
            : type.ValueTextEquals("modal"u8) ? Kind.Modal
            : type.ValueTextEquals("mrkdwn"u8) ? Kind.Mrkdwn
            : Kind.Other;

        /// <summary>Whether a block keeps something to show: actions and context need elements, a section a text or fields.</summary>
        private readonly bool KeepsAhead(Kind kind)
        {
            if (kind is not (Kind.Actions or Kind.Context or Kind.Section)) return true;
            var ahead = _reader;
            while (ahead.Read() && ahead.TokenType == JsonTokenType.PropertyName)
            {
                var elements = ahead.ValueTextEquals("elements"u8);
                var text = ahead.ValueTextEquals("text"u8);
                var fields = ahead.ValueTextEquals("fields"u8);
                ahead.Read();
                if (kind != Kind.Section && elements) return IsNonEmptyArray(ahead);
                if (kind == Kind.Section && ((text && ahead.TokenType != JsonTokenType.Null) || (fields && IsNonEmptyArray(ahead)))) return true;
                ahead.Skip();
            }
            return false;
        }

        private readonly bool IsEmptyArrayAhead() => !IsNonEmptyArray(_reader);

        private static bool IsNonEmptyArray(Utf8JsonReader array) =>
            array.TokenType == JsonTokenType.StartArray && array.Read() && array.TokenType != JsonTokenType.EndArray;
    }
}
