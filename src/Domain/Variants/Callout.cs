namespace NumbersBot.Domain.Variants;

public enum CalloutKind
{
    NewVariantAdded,
    VariantDeleted,
    DraftVariants,
}

/// <summary>A notice above the numbers that variant changes are waiting to be published.</summary>
public sealed record Callout(CalloutKind Kind, string Title, string Text)
{
    public static Callout NewVariantAdded { get; } = new(CalloutKind.NewVariantAdded, "New variant added",
        "publish the project so you can assign the new variant to numbers");

    public static Callout VariantDeleted { get; } = new(CalloutKind.VariantDeleted, "Variant deleted",
        "some assigned variants were removed; publish to see the changes");

    public static Callout DraftVariants { get; } = new(CalloutKind.DraftVariants, "Draft variants",
        "your project now uses variants; publish so you can assign them");

    /// <summary>The wording as the Numbers page shows it.</summary>
    public string FullText => $"{Title} – {Text}";
}
