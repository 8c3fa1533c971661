namespace NumbersBot.Domain;

/// <summary>
/// Groups the writes of one decision so they land together or not at all
/// (a deletion and its audit entry, say). Repositories used inside take part automatically.
/// </summary>
public interface IUnitOfWork
{
    Task<IWork> BeginAsync(CancellationToken ct);
}

public interface IWork : IAsyncDisposable
{
    /// <summary>Without a commit, disposing rolls everything back.</summary>
    Task CommitAsync(CancellationToken ct);
}
