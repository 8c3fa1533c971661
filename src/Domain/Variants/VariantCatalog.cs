using NumbersBot.Domain.Environments;

namespace NumbersBot.Domain.Variants;

/// <summary>
/// A project's variants: the drafts being edited, and per environment the version published there.
/// Drafts change nothing that runs until they are published (to Sandbox) and promoted onwards.
/// </summary>
public sealed class VariantCatalog
{
    public const string PublishFirst = "If no variants are available, publish the project first.";

    private readonly List<Variant> _drafts;
    private readonly Dictionary<AgentEnvironment, PublishedVersion> _published;

    public VariantCatalog(
        string projectId,
        IEnumerable<Variant> drafts,
        IReadOnlyDictionary<AgentEnvironment, PublishedVersion> published,
        int lastVersionNumber,
        int version)
    {
        ProjectId = projectId;
        _drafts = drafts.ToList();
        _published = new Dictionary<AgentEnvironment, PublishedVersion>(published);
        LastVersionNumber = lastVersionNumber;
        Version = version;
    }

    public static VariantCatalog Empty(string projectId) =>
        new(projectId, [], new Dictionary<AgentEnvironment, PublishedVersion>(), 0, 0);

    public string ProjectId { get; }

    /// <summary>In creation order; the first is the default.</summary>
    public IReadOnlyList<Variant> Drafts => _drafts;

    public IReadOnlyDictionary<AgentEnvironment, PublishedVersion> Published => _published;
    public int LastVersionNumber { get; private set; }

    /// <summary>Row version for conditional saves.</summary>
    public int Version { get; private set; }

    public Variant? Default => _drafts.Count > 0 ? _drafts[0] : null;

    /// <summary>A project uses variants once it has any, drafted or published.</summary>
    public bool UsesVariants => _drafts.Count > 0 || _published.Values.Any(p => p.Variants.Count > 0);

    public IReadOnlyList<Variant> PublishedTo(AgentEnvironment environment) =>
        _published.TryGetValue(environment, out var version) ? version.Variants : [];

    public Variant? FindDraft(string variantId) => _drafts.FirstOrDefault(v => v.Id == variantId);

    /// <summary>The name a variant id had most recently, drafted or published, for showing assignments.</summary>
    public string? NameOf(string? variantId)
    {
        if (variantId is null) return null;
        return FindDraft(variantId)?.Name
            ?? _published.Values.OrderByDescending(p => p.Number).Select(p => p.Find(variantId)?.Name).FirstOrDefault(n => n is not null);
    }

    /// <summary>Every variant id whose name (as <see cref="NameOf"/> gives it) contains the text, ignoring case: a search by name.</summary>
    public IReadOnlyList<string> IdsNamedLike(string text) =>
        _drafts.Select(d => d.Id).Concat(_published.Values.SelectMany(p => p.Variants.Select(v => v.Id))).Distinct()
            .Where(id => NameOf(id)?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false).ToList();

    /// <summary>A variant may be assigned to a number only once it is published to the number's environment.</summary>
    public Variant RequirePublished(string variantId, AgentEnvironment environment)
    {
        var published = PublishedTo(environment);
        var variant = published.FirstOrDefault(v => v.Id == variantId || string.Equals(v.Name, variantId, StringComparison.OrdinalIgnoreCase));
        if (variant is not null) return variant;
        var name = NameOf(variantId) ?? variantId;
        var available = published.Count == 0
            ? PublishFirst
            : $"Variants published there: {string.Join(", ", published.Select(v => v.Name))}.";
        throw DomainException.InvalidInput("Variant", $"Variant '{name}' is not published to {environment.DisplayName()}. {available}");
    }

    public Variant AddDraft(string id, string name)
    {
        var clean = CleanName(name);
        EnsureUnique(clean, exceptId: null);
        var variant = new Variant(id, clean);
        _drafts.Add(variant);
        return variant;
    }

    public (Variant Before, Variant After) RenameDraft(string variantId, string newName)
    {
        var index = IndexOf(variantId);
        var clean = CleanName(newName);
        EnsureUnique(clean, exceptId: _drafts[index].Id);
        var before = _drafts[index];
        _drafts[index] = before with { Name = clean };
        return (before, _drafts[index]);
    }

    public Variant DeleteDraft(string variantId)
    {
        var index = IndexOf(variantId);
        var variant = _drafts[index];
        if (index == 0 && _drafts.Count > 1)
            throw DomainException.Invalid(
                $"'{variant.Name}' is the default variant and cannot be deleted while other variants exist. Delete the others first.");
        _drafts.RemoveAt(index);
        return variant;
    }

    /// <summary>The drafts become a new version, running on Sandbox.</summary>
    public PublishedVersion Publish(DateTimeOffset at)
    {
        LastVersionNumber++;
        var version = new PublishedVersion(LastVersionNumber, _drafts.ToList(), at);
        _published[AgentEnvironment.Sandbox] = version;
        return version;
    }

    /// <summary>Moves the version running in <paramref name="from"/> one environment on.</summary>
    public (AgentEnvironment To, PublishedVersion Version) Promote(AgentEnvironment from, DateTimeOffset at)
    {
        var to = from.PromotesTo()
            ?? throw DomainException.Invalid("Live is the last environment; there is nothing to promote it to.");
        if (!_published.TryGetValue(from, out var version))
            throw DomainException.Invalid($"Nothing is published to {from.DisplayName()} yet, so there is nothing to promote. Publish the project first.");
        _published[to] = version with { PublishedAt = at };
        return (to, _published[to]);
    }

    /// <summary>The page's callouts, worked out from drafts, what is published, and what numbers use.</summary>
    public IReadOnlyList<Callout> Callouts(IEnumerable<string?> assignedVariantIds)
    {
        var callouts = new List<Callout>();
        var anyPublishedVariant = _published.Values.Any(p => p.Variants.Count > 0);
        if (_drafts.Count > 0 && !anyPublishedVariant)
        {
            callouts.Add(Callout.DraftVariants);
        }
        else if (anyPublishedVariant)
        {
            var onSandbox = PublishedTo(AgentEnvironment.Sandbox).Select(v => v.Id).ToHashSet();
            if (_drafts.Any(d => !onSandbox.Contains(d.Id)))
                callouts.Add(Callout.NewVariantAdded);
        }
        // Deleted from the drafts but still running on Sandbox: publishing would show the change.
        var draftIds = _drafts.Select(d => d.Id).ToHashSet();
        var onSandboxIds = PublishedTo(AgentEnvironment.Sandbox).Select(v => v.Id).ToHashSet();
        if (assignedVariantIds.Any(id => id is not null && !draftIds.Contains(id) && onSandboxIds.Contains(id)))
            callouts.Add(Callout.VariantDeleted);
        return callouts;
    }

    internal void MarkStored(int version) => Version = version;

    private int IndexOf(string variantId)
    {
        var index = _drafts.FindIndex(v => v.Id == variantId || string.Equals(v.Name, variantId, StringComparison.OrdinalIgnoreCase));
        return index >= 0 ? index : throw DomainException.NotFound($"There is no variant '{variantId}' in this project.");
    }

    private static string CleanName(string name)
    {
        var clean = (name ?? "").Trim();
        if (clean.Length == 0) throw DomainException.Invalid("A variant needs a name.");
        if (clean.Length > Variant.MaxNameLength)
            throw DomainException.Invalid($"A variant name can be at most {Variant.MaxNameLength} characters.");
        return clean;
    }

    private void EnsureUnique(string name, string? exceptId)
    {
        if (_drafts.Any(v => v.Id != exceptId && string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw DomainException.Conflict($"A variant named '{name}' already exists in this project; variant names are unique.");
    }
}
