namespace NumbersBot.Domain.Tests.Fakes;

/// <summary>Counts units of work; the in-memory stores write at once, so nothing is really rolled back.</summary>
public sealed class RecordingUnitOfWork : IUnitOfWork
{
    public int Begun { get; private set; }
    public int Committed { get; private set; }
    public int Abandoned { get; private set; }

    public Task<IWork> BeginAsync(CancellationToken ct)
    {
        Begun++;
        return Task.FromResult<IWork>(new Work(this));
    }

    private sealed class Work(RecordingUnitOfWork owner) : IWork
    {
        private bool _committed;

        public Task CommitAsync(CancellationToken ct)
        {
            _committed = true;
            owner.Committed++;
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_committed) owner.Abandoned++;
            return ValueTask.CompletedTask;
        }
    }
}
