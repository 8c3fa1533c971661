namespace NumbersBot.Bot;

/// <summary>
/// Reads a choice (a setting, a typed word, a button's value) by its name only, in any case. Enum.TryParse would also
/// take "1" or "-7" as a choice, which no person or setting means.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        var wanted = text?.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        value = default;
        return false;
    }

    /// <summary>"A, B or C", for a refusal that says what would have been accepted.</summary>
    public static string Choices<TEnum>() where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>();
        return names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
    }
}
