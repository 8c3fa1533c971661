namespace NumbersBot.Domain.Tests.Fakes;

/// <summary>Counts the signals that a request's state was committed.</summary>
public sealed class CountingApprovalSignal : IApprovalSignal
{
    public int Count { get; private set; }

    public Task ChangedAsync(CancellationToken ct)
    {
        Count++;
        return Task.CompletedTask;
    }
}
