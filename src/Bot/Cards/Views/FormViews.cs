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

/// <summary>What was typed into a number form, given back with its error so nothing has to be typed again.</summary>
public sealed record TypedNumber(string Country, string AreaCode, string Variant, string Number)
{
    public static TypedNumber Empty { get; } = new(NumbersBot.Domain.Numbers.Country.UK.ToString(), "", "", "");
}

/// <summary>
/// The add-number form: buy one (country, area code), or with <paramref name="Connecting"/> connect one from the customer's
/// Twilio account. <paramref name="RequestKey"/> is minted when the form is shown, so every click of its submit button
/// carries the same key and a double click buys one number. <paramref name="ErrorField"/>: the input the error is shown
/// beside (areaCode, number, variant), or empty for the top of the form.
/// </summary>
public sealed record AddNumberFormView(
    ProjectRef Project, EnvironmentRef Environment, IReadOnlyList<Choice> Countries, bool UsesVariants,
    IReadOnlyList<VariantChoice> Variants, string? VariantHint, string RequestKey, bool Connecting, TypedNumber Typed,
    string? Error, string ErrorField)
{
    public static AddNumberFormView From(
        NumbersPage page, EnvironmentNumbers environment, string requestKey, bool connecting = false, TypedNumber? typed = null,
        string? error = null, string? errorField = null)
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
            connecting,
            typed ?? TypedNumber.Empty,
            error,
            errorField ?? "");
    }
}

/// <summary>
/// The reassign form, with <paramref name="Chosen"/> preselected: the number's variant, or what was picked before an error.
/// <see cref="NoVariant"/> is the choice that clears it.
/// </summary>
public sealed record ReassignFormView(
    ProjectRef Project, EnvironmentRef Environment, NumberView Number, IReadOnlyList<VariantChoice> Variants, string Chosen,
    string NoVariant, string? Hint, string? Error)
{
    /// <summary>The value of the "No variant" choice (variant ids are never this).</summary>
    public const string NoVariantValue = "none";

    public static ReassignFormView From(
        NumbersPage page, EnvironmentNumbers environment, NumberView number, string? error = null, string? chosen = null)
    {
        var variants = environment.AssignableVariants.Select(v => new VariantChoice(v.Id, v.Name)).ToList();
        var current = variants.FirstOrDefault(v => v.Name == number.Variant)?.Id ?? NoVariantValue;
        return new ReassignFormView(new ProjectRef(page.Project.Id, page.Project.Name), EnvironmentRef.Of(environment.Environment),
            number, variants, chosen ?? current, NoVariantValue, variants.Count == 0 ? VariantCatalog.PublishFirst : null, error);
    }
}

/// <summary>
/// A pause before a change to Live: what it does and for whom, then Confirm (the same verb and data again, confirmed) or
/// Back to the form it came from. Exactly one of <paramref name="Addition"/> and <paramref name="Reassignment"/> is set.
/// </summary>
public sealed record ConfirmLiveChangeView(
    ProjectRef Project, EnvironmentRef Environment, string Question, string WhatChanges, string ForWhom,
    LiveAddition? Addition, LiveReassignment? Reassignment);

public sealed record LiveAddition(string Country, string AreaCode, string Variant, string RequestKey);

public sealed record LiveReassignment(string NumberId, int Version, string Variant);

/// <summary>Deleting a number, asked first: what it is and, from the provider's call log, whether it still takes calls.</summary>
public sealed record ConfirmDeleteView(ProjectRef Project, EnvironmentRef Environment, NumberView Number, string? Warning, RecentCallsView? Traffic = null);
