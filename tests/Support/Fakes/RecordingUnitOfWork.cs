namespace NumbersBot.Tests.Support.Fakes;

/// <summary>Counts units of work; the in-memory stores write at once, so nothing is really rolled back.</summary>
public sealed class RecordingUnitOfWork : IUnitOfWork
{
    private int _begun;
    private int _committed;
    private int _abandoned;

    public int Begun => _begun;
    public int Committed => _committed;
    public int Abandoned => _abandoned;

    public Task<IWork> BeginAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _begun);
        return Task.FromResult<IWork>(new Work(this));
    }

    private sealed class Work(RecordingUnitOfWork owner) : IWork
    {
        private bool _committed;

        public Task CommitAsync(CancellationToken ct)
        {
            _committed = true;
            Interlocked.Increment(ref owner._committed);
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            if (!_committed) Interlocked.Increment(ref owner._abandoned);
            return ValueTask.CompletedTask;
        }
    }
}
