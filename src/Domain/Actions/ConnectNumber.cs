using NumbersBot.Domain.Access;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>Connect a number the customer already has in their Twilio account (E.164).</summary>
public sealed record ConnectNumber(Actor Actor, string ProjectId, AgentEnvironment Environment, string Number, string? VariantId);

public sealed record NumberConnected(ProjectNumber Number, string? VariantName, string? Warning);

public sealed class ConnectNumberHandler(
    ProjectGate gate,
    INumberRepository numbers,
    Projects.IProjectRepository projects,
    IVariantCatalogRepository variants,
    ITelephonyProvider telephony,
    TelephonySteps steps,
    IUnitOfWork unitOfWork,
    AuditLog audit,
    TimeProvider clock,
    IIdSource ids)
{
    public async Task<NumberConnected> HandleAsync(ConnectNumber command, CancellationToken ct)
    {
        var (project, _, read) = await gate.OpenWithCatalogAsync(command.Actor, command.ProjectId, AccessArea.Numbers, AccessLevel.Edit, ct);
        PhoneNumber phone;
        try
        {
            phone = PhoneNumber.ParseE164(command.Number);
        }
        catch (DomainException invalid)
        {
            throw DomainException.InvalidInput(nameof(command.Number), invalid.Message);
        }
        var catalog = read ?? await variants.GetAsync(project.Id, ct);
        var variant = string.IsNullOrWhiteSpace(command.VariantId) ? null : catalog.RequirePublished(command.VariantId, command.Environment);

        if (await numbers.FindByE164Async(phone.E164, ct) is { } already)
            throw new DomainException(RefusalKind.Conflict,
                $"{phone.Display} is already imported: it serves {already.Environment.DisplayName()}{(already.ProjectId == project.Id ? "" : " of another project")}.")
            { Input = nameof(command.Number) };

        ProvisionedNumber? existing;
        try
        {
            existing = await telephony.FindExistingAsync(project.Id, phone, ct);
        }
        catch (DomainException refused)
        {
            await audit.RecordAsync(command.Actor,
                new AuditedChange(AuditActions.NumberConnectFailed, project.Id, phone.E164, command.Environment, After: AddNumberHandler.Failed($"connect {phone.Display}", refused)), ct);
            throw;
        }
        var found = existing ?? throw new DomainException(RefusalKind.NotFound,
            $"{phone.Display} does not exist in this project's Twilio account. Check the number, or buy one with Add number instead.")
            { Input = nameof(command.Number) };

        var number = new ProjectNumber(ids.NewId(), project.Id, found.Number, command.Environment, found.Source,
            found.ProviderReference, found.Simulated, variant?.Id, clock.GetUtcNow(), command.Actor.User.Key);
        TelephonyOperation route;
        await using (var work = await unitOfWork.BeginAsync(ct))
        {
            // Held before the other writes (as BoughtNumbers does): unchanged since the gate read it, the route needs no read of it.
            var held = await projects.HoldAsync(project, ct) ? project : null;
            await numbers.AddAsync(number, ct);
            await audit.RecordAsync(command.Actor,
                new AuditedChange(AuditActions.NumberConnected, project.Id, number.Number.E164, number.Environment, After: BoughtNumbers.Describe(number, variant?.Name)), ct);
            route = await steps.RecordRouteAsync(number, command.Actor, "connected", ct, held);
            await work.CommitAsync(ct);
        }

        var warning = await steps.TryRouteAsync(route, number, ct);
        return new NumberConnected(number, variant?.Name, warning);
    }
}
