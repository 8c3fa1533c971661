using System.Buffers;
using System.Text;
using System.Text.Json;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Turns an expanded cards/slack template into what Slack accepts, reading the expansion's bytes once and writing the
/// message or modal straight to a <see cref="Utf8JsonWriter"/>: template-only "group" blocks (a repeat gives one object,
/// and an environment needs several blocks) are spliced in, button data objects become their JSON text, empty leftovers of
/// $when are dropped, mrkdwn is escaped, texts are cut to Slack's lengths, and what Slack's message limits count is counted.
/// </summary>
/// <remarks>
/// A pass after the template rather than rules compiled into it: the template engine stays exactly the one checked against
/// the official engine, and Slack's rules, which need an object's type and whether a block kept anything (a look ahead
/// with a copy of the reader), stay in this one file.
/// </remarks>
public static partial class BlockKit
{
    public const int MaxMessageBlocks = 50;
    public const int MaxModalBlocks = 100;

    /// <summary>
    /// Slack refuses a message whose blocks hold more than about 12,000 characters of text plus a buffer for the
    /// containers (msg_blocks_too_long at about 13,200; bolt-js issues 2509 and 2867). <see cref="Size.Characters"/> counts
    /// more than that text, so staying at or under this keeps a margin.
    /// </summary>
    public const int MaxMessageCharacters = 12_000;

    public const int MaxValueLength = 2000;

    public const string TruncatedNote = "Only the start of this fits in one Slack message.";

    // The note's strings as Size.Characters counts them: its block type, its text's type, its text.
    private static readonly int NoteCharacters = "context".Length + "plain_text".Length + TruncatedNote.Length;

    /// <summary>
    /// How big a finished message is as Slack's limits count it: its blocks, and every string in them (texts, but also
    /// type names, action ids and button values, where Slack counts the texts). <see cref="FittingBlocks"/>: how many of
    /// the first blocks still fit with the note that says the rest was left out.
    /// </summary>
    public readonly record struct Size(int Blocks, int Characters, int FittingBlocks)
    {
        public bool FitsMessage => Blocks <= MaxMessageBlocks && Characters <= MaxMessageCharacters;
    }

    /// <summary>
    /// Writes the finished message for a template's <paramref name="expanded"/> JSON; <paramref name="extras"/> writes
    /// properties at its end (where it goes, how it shows). With <paramref name="truncateTo"/>, only that many blocks are
    /// kept and the note follows them: the last resort for a view that has no smaller form.
    /// </summary>
    public static Size WriteMessage(ReadOnlySpan<byte> expanded, Utf8JsonWriter writer, Action<Utf8JsonWriter>? extras = null, int? truncateTo = null)
    {
        var pass = new Pass(expanded, writer, truncateTo);
        pass.WriteRoot(Kind.Other, extras);
        return pass.Size;
    }

    /// <summary>Writes the finished modal (a view: its title, submit and close are limited too).</summary>
    public static void WriteModal(ReadOnlySpan<byte> expanded, Utf8JsonWriter writer, Action<Utf8JsonWriter>? extras = null) =>
        new Pass(expanded, writer, truncateTo: null).WriteRoot(Kind.Modal, extras);

    /// <summary>One copy from the expansion's bytes to the writer.</summary>
    private ref partial struct Pass(ReadOnlySpan<byte> json, Utf8JsonWriter writer, int? truncateTo)
    {
        private readonly ReadOnlySpan<byte> _json = json;
        private Utf8JsonReader _reader = new(json);
        private bool _inBlocks; // counting: the root's blocks are what Slack's limits are about
        private int _blocks, _characters, _fitting;

        public readonly Size Size => new(_blocks, _characters, _fitting);

        /// <summary>The root's kind comes from the caller: a message has no type, and looking for one would read it all twice.</summary>
        public void WriteRoot(Kind kind, Action<Utf8JsonWriter>? extras)
        {
            if (!_reader.Read() || _reader.TokenType != JsonTokenType.StartObject)
                throw new InvalidOperationException("A Block Kit template must expand to a JSON object.");
            WriteObject(kind, textLimit: 0, Parent.Root, extras);
        }

        /// <summary>An object cleaned: null properties dropped, data values as text, children cleaned, texts escaped and cut.</summary>
        private void WriteObject(Kind kind, int textLimit, Parent parent, Action<Utf8JsonWriter>? extras = null)
        {
            writer.WriteStartObject();
            while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = _reader.ValueSpan;
                var nameIsEscaped = _reader.ValueIsEscaped;
                var nameString = nameIsEscaped ? _reader.GetString() : null;
                _reader.Read();
                switch (_reader.TokenType)
                {
                    case JsonTokenType.Null:
                        break;
                    case JsonTokenType.StartArray when parent == Parent.Root && name.SequenceEqual("blocks"u8):
                        writer.WritePropertyName(name);
                        WriteBlocks();
                        break;
                    case JsonTokenType.StartObject when name.SequenceEqual("value"u8):
                        WriteName(name, nameString);
                        WriteDataAsText();
                        break;
                    case JsonTokenType.StartObject when !name.SequenceEqual("blocks"u8):
                        WriteName(name, nameString);
                        WriteObject(KindAhead(), ChildTextLimit(kind, parent, name), ChildParent(name));
                        break;
                    case JsonTokenType.StartArray when !name.SequenceEqual("blocks"u8):
                        if (name.SequenceEqual("fields"u8) && IsEmptyArrayAhead())
                        {
                            _reader.Skip();
                            break;
                        }
                        WriteName(name, nameString);
                        WriteArray(ItemTextLimit(kind, name), name.SequenceEqual("options"u8) ? Parent.Option : Parent.None);
                        break;
                    case JsonTokenType.String when name.SequenceEqual("text"u8):
                        WriteName(name, nameString);
                        WriteText(escape: kind == Kind.Mrkdwn || parent == Parent.Root, textLimit);
                        break;
                    default:
                        WriteName(name, nameString);
                        CopyValue();
                        break;
                }
            }
            extras?.Invoke(writer);
            writer.WriteEndObject();
        }

        private readonly void WriteName(ReadOnlySpan<byte> name, string? escaped)
        {
            if (escaped is null) writer.WritePropertyName(name);
            else writer.WritePropertyName(escaped);
        }

        /// <summary>Items of an array other than blocks: objects cleaned, anything else as it is.</summary>
        private void WriteArray(int itemTextLimit, Parent itemParent)
        {
            writer.WriteStartArray();
            while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
            {
                if (_reader.TokenType == JsonTokenType.StartObject) WriteObject(KindAhead(), itemTextLimit, itemParent);
                else CopyValue();
            }
            writer.WriteEndArray();
        }

        /// <summary>The root's blocks: groups spliced in, blocks left empty by $when dropped, the truncation note last.</summary>
        private void WriteBlocks()
        {
            writer.WriteStartArray();
            _inBlocks = true;
            SpliceBlocks();
            if (truncateTo is not null)
            {
                writer.WriteStartObject();
                WriteCounted("type", "context");
                writer.WriteStartArray("elements");
                writer.WriteStartObject();
                WriteCounted("type", "plain_text");
                WriteCounted("text", TruncatedNote);
                writer.WriteEndObject();
                writer.WriteEndArray();
                writer.WriteEndObject();
                _blocks++;
            }
            _inBlocks = false;
            writer.WriteEndArray();
        }

        private void SpliceBlocks()
        {
            while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray)
            {
                if (_reader.TokenType != JsonTokenType.StartObject)
                {
                    _reader.Skip();
                    continue;
                }
                var kind = KindAhead();
                if (kind == Kind.Group) SpliceGroup();
                else if (!KeepsAhead(kind) || _blocks == truncateTo) _reader.Skip();
                else
                {
                    WriteObject(kind, textLimit: 0, Parent.None);
                    _blocks++;
                    if (_blocks + 1 <= MaxMessageBlocks && _characters + NoteCharacters <= MaxMessageCharacters) _fitting = _blocks;
                }
            }
        }

        /// <summary>A group stands for its blocks; nothing else of it is written.</summary>
        private void SpliceGroup()
        {
            while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
            {
                var isBlocks = _reader.ValueTextEquals("blocks"u8);
                _reader.Read();
                if (isBlocks && _reader.TokenType == JsonTokenType.StartArray) SpliceBlocks();
                else _reader.Skip();
            }
        }

        /// <summary>A button's data object, sent as its JSON text (Slack's value is a string of at most 2,000 characters).</summary>
        private void WriteDataAsText()
        {
            var start = (int)_reader.TokenStartIndex;
            _reader.Skip();
            var data = _json[start..(int)_reader.BytesConsumed];
            var length = Encoding.UTF8.GetCharCount(data);
            if (length > MaxValueLength) throw new InvalidOperationException($"A button value is {length} characters; Slack takes {MaxValueLength}.");
            writer.WriteStringValue(data);
            Count(length);
        }

        /// <summary>A text, escaped when it is mrkdwn (or the message's fallback text) and cut to <paramref name="limit"/>.</summary>
        private void WriteText(bool escape, int limit)
        {
            var raw = _reader.ValueSpan;
            if (!_reader.ValueIsEscaped && (!escape || raw.IndexOfAny("&<>"u8) < 0) && (limit == 0 || raw.Length <= limit))
            {
                WriteString(); // UTF-8 is never shorter than UTF-16, so a text within the limit in bytes is within it
                return;
            }
            var read = ArrayPool<char>.Shared.Rent(raw.Length);
            var written = ArrayPool<char>.Shared.Rent(raw.Length * 5);
            try
            {
                var text = read.AsSpan(0, _reader.CopyString(read));
                var length = escape ? EscapeInto(text, written) : Copy(text, written);
                if (limit > 0 && length > limit) length = Clamp(written.AsSpan(0, length), limit);
                writer.WriteStringValue(written.AsSpan(0, length));
                Count(length);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(read);
                ArrayPool<char>.Shared.Return(written);
            }
        }

        /// <summary>The value at the reader as it is (a string counted when in blocks).</summary>
        private void CopyValue()
        {
            switch (_reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    while (_reader.Read() && _reader.TokenType == JsonTokenType.PropertyName)
                    {
                        WriteName(_reader.ValueSpan, _reader.ValueIsEscaped ? _reader.GetString() : null);
                        _reader.Read();
                        CopyValue();
                    }
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    while (_reader.Read() && _reader.TokenType != JsonTokenType.EndArray) CopyValue();
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.String:
                    WriteString();
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(_reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    writer.WriteBooleanValue(_reader.TokenType == JsonTokenType.True);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }

        private void WriteString()
        {
            if (!_reader.ValueIsEscaped)
            {
                writer.WriteStringValue(_reader.ValueSpan);
                if (_inBlocks) Count(Encoding.UTF8.GetCharCount(_reader.ValueSpan));
                return;
            }
            var text = _reader.GetString()!; // escaped: a quote or a line break, rare enough to allocate
            writer.WriteStringValue(text);
            Count(text.Length);
        }

        private void WriteCounted(string name, string value)
        {
            writer.WriteString(name, value);
            Count(value.Length);
        }

        private void Count(int characters)
        {
            if (_inBlocks) _characters += characters;
        }
    }
}
