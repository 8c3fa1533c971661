namespace NumbersBot.Domain.Variants;

/// <summary>One site's configuration of the agent; numbers are assigned to variants.</summary>
public sealed record Variant(string Id, string Name)
{
    public const int MaxNameLength = 60;
}

/// <summary>What one publish produced: the variants as they were, running in an environment.</summary>
public sealed record PublishedVersion(int Number, IReadOnlyList<Variant> Variants, DateTimeOffset PublishedAt)
{
    public Variant? Find(string variantId) => Variants.FirstOrDefault(v => v.Id == variantId);
}
