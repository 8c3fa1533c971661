using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Look before adding a number: the same input as <see cref="AddNumber"/>, nothing bought.</summary>
public sealed record ReviewAddition(Actor Actor, string ProjectId, AgentEnvironment Environment, Country Country, string? AreaCode, string? VariantId);

/// <summary>Look before reassigning a number's variant: the same input as <see cref="ReassignVariant"/>, nothing changed.</summary>
public sealed record ReviewReassignment(Actor Actor, Guid NumberId, string? VariantId, int? SeenVersion);

/// <summary>What a change to Live does and whom it reaches, said before it is made: Live numbers answer real callers.</summary>
public sealed record LiveChangeReview(string Question, string WhatChanges, string ForWhom);

/// <summary>
/// Decides whether a change needs a pause first, and says what it will do. Adding a number to Live and changing the variant
/// of a Live number do; anything else (or a reassignment to the variant it already has) returns null. The input is checked
/// as the change itself would check it, so a mistake is shown on the form before anyone is asked to confirm.
/// </summary>
public sealed class ReviewLiveChangeHandler(ProjectGate gate, IVariantCatalogRepository variants)
{
    public async Task<LiveChangeReview?> HandleAsync(ReviewAddition command, CancellationToken ct)
    {
        var (project, _, read) = await gate.OpenWithCatalogAsync(command.Actor, command.ProjectId, AccessArea.Numbers, AccessLevel.Edit, ct);
        var areaCode = AreaCode.ParseFor(command.Country, command.AreaCode);
        var catalog = read ?? await variants.GetAsync(project.Id, ct);
        var variant = string.IsNullOrWhiteSpace(command.VariantId) ? null : catalog.RequirePublished(command.VariantId, command.Environment);
        if (command.Environment != AgentEnvironment.Live) return null;

        var which = $"a {command.Country.DisplayName()} number{(areaCode is null ? "" : $" in area code {areaCode}")}";
        return new LiveChangeReview(
            $"Add {which} to Live?",
            $"{Capitalised(which)} is bought for {project.Name} and routed to the Live agent{(variant is null ? " with no variant" : $", variant {variant.Name}")}.",
            "Anyone who calls it reaches your production agent as soon as it is routed: real callers, not testers.");
    }

    public async Task<LiveChangeReview?> HandleAsync(ReviewReassignment command, CancellationToken ct)
    {
        var (number, _, _, read) = await gate.OpenNumberAsync(command.Actor, command.NumberId, AccessArea.Numbers, AccessLevel.Edit, ct);
        if (command.SeenVersion is { } seen && seen != number.Version) throw DomainException.Changed(number.Number.Display);
        var catalog = read ?? await variants.GetAsync(number.ProjectId, ct);
        var variant = command.VariantId is null ? null : catalog.RequirePublished(command.VariantId, number.Environment);
        if (number.Environment != AgentEnvironment.Live || number.VariantId == variant?.Id) return null;

        var display = number.Number.Display;
        var before = catalog.NameOf(number.VariantId) is { } name ? $"variant {name}" : "no variant";
        return new LiveChangeReview(
            $"Change the variant of Live number {display}?",
            $"Calls to {display} are handled by {(variant is null ? ReassignVariantHandler.NoVariant : $"variant {variant.Name}")} instead of {before}.",
            $"Everyone who calls {display}, from their next call: real callers on Live.");
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
