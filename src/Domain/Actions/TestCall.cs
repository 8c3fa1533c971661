using NumbersBot.Domain.Access;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Place a short call to a listed number (by its id from a button, or typed) and report how it ended. <paramref name="RequestKey"/>
/// is the same each time this request runs, so a run after a crash finds the call placed before instead of placing another.
/// </summary>
public sealed record TestCall(Actor Actor, Guid? NumberId, string? Number, string RequestKey);

/// <summary>
/// <paramref name="Outcome"/>: null when the call was still going when the request stopped waiting (the worker finishes it).
/// <paramref name="UsedToday"/> of <paramref name="PerDay"/>: the project's test calls today, this one included.
/// </summary>
public sealed record TestCallReport(ProjectNumber Number, string ProjectName, TestCallOutcome? Outcome, DateTimeOffset StartedAt, int UsedToday, int PerDay);

public sealed class TestCallHandler(ProjectGate gate, INumberRepository numbers, TestCallRuns runs)
{
    public async Task<TestCallReport> HandleAsync(TestCall command, CancellationToken ct)
    {
        var number = await FindAsync(command, ct);
        var (project, _) = await gate.OpenAsync(command.Actor, number.ProjectId, AccessArea.Numbers, AccessLevel.Edit, ct);
        var recorded = await runs.RecordAsync(number, project.Name, command.Actor, command.RequestKey, ct);
        var outcome = recorded.IsNew ? await runs.PlaceAsync(recorded.Operation, number, ct) : await runs.ResumeAsync(recorded.Operation, ct);
        // A call the provider refused gave its place in the day's count back.
        var usedToday = outcome is { Status: TestCallStatus.NotPlaced } ? await runs.UsedTodayAsync(number.ProjectId, ct) : recorded.UsedToday;
        return new TestCallReport(number, project.Name, outcome, recorded.Operation.CreatedAt, usedToday, runs.Policy.PerDay);
    }

    private async Task<ProjectNumber> FindAsync(TestCall command, CancellationToken ct)
    {
        if (command.NumberId is { } id) return await numbers.FindAsync(id, ct) ?? throw ProjectNumber.Gone();
        if (string.IsNullOrWhiteSpace(command.Number))
            throw DomainException.InvalidInput("Number", "Say which number to call: `test +44 7700 900123`.");
        var typed = PhoneNumber.Parse(command.Number);
        return await numbers.FindByE164Async(typed.E164, ct)
            ?? throw DomainException.NotFound($"{typed.Display} is not a number NumbersBot lists, so it places no test call to it.");
    }
}
