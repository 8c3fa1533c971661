using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

public abstract partial class RepositorySuite
{
    /// <summary>Migrations are written once per dialect; this is what keeps the three from drifting apart.</summary>
    [SkippableFact]
    public async Task Every_dialect_ends_with_the_same_tables_columns_keys_and_indexes()
    {
        await using var sqlite = new SqliteTestDatabase();
        var reference = await sqlite.CreateAsync();
        DatabaseStartup.Migrate(reference, NullLogger.Instance);

        var expected = (await SchemaModel.ReadAsync(reference))
            // A database that does not keep looks has data_version without the triggers that move it (migration 0011).
            .Where(line => SqlDialect.For(Options.Provider).KeepsReads || !line.EndsWith(" moves data_version", StringComparison.Ordinal)).ToList();
        var actual = await SchemaModel.ReadAsync(Options);

        Assert.True(expected.SequenceEqual(actual),
            $"Only in SQLite: {string.Join("; ", expected.Except(actual))}. Only in {Options.Provider}: {string.Join("; ", actual.Except(expected))}.");
    }
}
