using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// data_version moved by a writer whose search path does not lead to the bot's schema: someone at psql, another tool.
/// Only PostgreSQL resolves a trigger function's tables by the writer's search path (the bot's tables here live in a schema
/// of their own, as in every PostgreSQL test).
/// </summary>
public sealed class PostgresDataVersionTests : IAsyncLifetime
{
    private static readonly string? Server = Environment.GetEnvironmentVariable("NUMBERSBOT_TEST_POSTGRES");
    private readonly PostgresTestDatabase _database = new();
    private DatabaseOptions _options = null!;

    public async Task InitializeAsync()
    {
        _options = await _database.CreateAsync();
        DatabaseStartup.Migrate(_options, NullLogger.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [SkippableFact]
    public async Task A_change_made_at_psql_naming_the_bots_schema_moves_the_data_version()
    {
        var schema = new NpgsqlConnectionStringBuilder(_options.ConnectionString).SearchPath;

        await using (var psql = new NpgsqlConnection(Server))
        {
            await psql.OpenAsync();
            await psql.ExecuteAsync(
                $"INSERT INTO {schema}.project_choices (choice_key, project_id, chosen_at) VALUES ('local:dave\nroom-1', 'alpha', now())");
        }

        await using var bot = new NpgsqlConnection(_options.ConnectionString);
        Assert.Equal(1, await bot.ExecuteScalarAsync<long>(KeptReads.VersionSql));
    }
}
