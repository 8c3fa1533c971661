using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Cards.Views;

public sealed record Choice(string Value, string Title);

public sealed record EnvironmentRef(string Key, string Name, bool IsLive)
{
    public static EnvironmentRef Of(AgentEnvironment environment) =>
        new(environment.ToString(), environment.DisplayName(), environment == AgentEnvironment.Live);
}

/// <summary>
/// The add-number form. <paramref name="RequestKey"/> is minted when the form is shown, so every click of its
/// submit button carries the same key and a double click buys one number.
/// </summary>
public sealed record AddNumberFormView(
    ProjectRef Project, EnvironmentRef Environment, IReadOnlyList<Choice> Countries, bool UsesVariants,
    IReadOnlyList<VariantChoice> Variants, string? VariantHint, string RequestKey, string? Error)
{
    public static AddNumberFormView From(NumbersPage page, EnvironmentNumbers environment, string requestKey, string? error = null)
    {
        var variants = environment.AssignableVariants.Select(v => new VariantChoice(v.Id, v.Name)).ToList();
        return new AddNumberFormView(
            new ProjectRef(page.Project.Id, page.Project.Name),
            EnvironmentRef.Of(environment.Environment),
            NumbersBot.Domain.Numbers.Countries.All.Select(c => new Choice(c.ToString(), c.DisplayName())).ToList(),
            page.UsesVariants,
            variants,
            page.UsesVariants && variants.Count == 0 ? VariantCatalog.PublishFirst : null,
            requestKey,
            error);
    }
}

public sealed record ReassignFormView(
    ProjectRef Project, EnvironmentRef Environment, NumberView Number, IReadOnlyList<VariantChoice> Variants, string? Hint, string? Error)
{
    public static ReassignFormView From(NumbersPage page, EnvironmentNumbers environment, NumberView number, string? error = null)
    {
        var variants = environment.AssignableVariants.Select(v => new VariantChoice(v.Id, v.Name)).ToList();
        return new ReassignFormView(new ProjectRef(page.Project.Id, page.Project.Name), EnvironmentRef.Of(environment.Environment),
            number, variants, variants.Count == 0 ? VariantCatalog.PublishFirst : null, error);
    }
}

public sealed record ConfirmDeleteView(ProjectRef Project, EnvironmentRef Environment, NumberView Number, string? Warning);
