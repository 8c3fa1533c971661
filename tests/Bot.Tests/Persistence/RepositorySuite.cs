using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// The SQL repositories: the port contract plus what only a database has (transactions, schema, query plans, the bot's own
/// stores), run against every database by one tiny subclass each (see ProviderTests.cs).
/// </summary>
public abstract partial class RepositorySuite(TestDatabase database) : PortContract
{
    protected DatabaseOptions Options { get; private set; } = null!;

    protected override async Task AddStorageAsync(IServiceCollection services)
    {
        Options = await database.CreateAsync();
        DatabaseStartup.Migrate(Options, NullLogger.Instance);
        services.AddPersistence(Options);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }
}
