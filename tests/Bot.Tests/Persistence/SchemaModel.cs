using System.Data.Common;
using Dapper;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// What a migrated database ends with, as lines a dialect cannot tell apart: tables, columns and whether they take
/// null, primary keys, foreign keys, indexes (columns, unique, partial) and the tables whose writes move data_version.
/// Types are left out: each dialect spells them its own way. Names are lower case; the migration journal is left out.
/// </summary>
internal static class SchemaModel
{
    public static async Task<IReadOnlyList<string>> ReadAsync(DatabaseOptions options)
    {
        await using var connection = SqlDialect.For(options.Provider).CreateConnection(options.ConnectionString);
        await connection.OpenAsync();
        var lines = options.Provider switch
        {
            DatabaseProvider.Sqlite => await SqliteAsync(connection),
            DatabaseProvider.Postgres => await PostgresAsync(connection),
            DatabaseProvider.SqlServer => await SqlServerAsync(connection),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        return [.. lines.Select(l => l.ToLowerInvariant()).Where(l => !l.StartsWith("schemaversions", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal)];
    }

    private static string MovesDataVersion(string table) => $"{table} moves data_version";

    private static string Column(string table, string column, bool nullable) => $"{table} column {column}{(nullable ? " null" : " not null")}";

    private static string Index(string table, string columns, bool unique, bool partial) =>
        $"{table} {(unique ? "unique index" : "index")} ({columns}){(partial ? " where …" : "")}";

    private static async Task<List<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables)
        {
            var columns = (await connection.QueryAsync<(string Name, long NotNull, long Pk)>(
                "SELECT name, \"notnull\", pk FROM pragma_table_info(@table)", new { table })).ToList();
            // A primary key column never holds null, whatever SQLite's declaration says.
            lines.AddRange(columns.Select(c => Column(table, c.Name, c.NotNull == 0 && c.Pk == 0)));
            var key = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            if (key.Count > 0) lines.Add($"{table} primary key ({string.Join(", ", key)})");
            foreach (var foreign in (await connection.QueryAsync<(long Id, string Table, string From)>(
                "SELECT id, \"table\", \"from\" FROM pragma_foreign_key_list(@table) ORDER BY id, seq", new { table })).GroupBy(f => f.Id))
                lines.Add($"{table} foreign key ({string.Join(", ", foreign.Select(f => f.From))}) references {foreign.First().Table}");
            foreach (var index in await connection.QueryAsync<(string Name, long Unique, string Origin, long Partial)>(
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@table)", new { table }))
            {
                if (index.Origin == "pk") continue;
                var indexed = await connection.QueryAsync<string>("SELECT name FROM pragma_index_info(@name) ORDER BY seqno", new { name = index.Name });
                lines.Add(Index(table, string.Join(", ", indexed), index.Unique == 1, index.Partial == 1));
            }
        }
        // Triggers are compared by what they do here: which tables move data_version (KeptReads).
        lines.AddRange((await connection.QueryAsync<string>(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%moves_data_version'")).Select(MovesDataVersion));
        return lines;
    }

    private static async Task<List<string>> PostgresAsync(DbConnection connection)
    {
        var lines = (await connection.QueryAsync<(string Table, string Column, string Nullable)>("""
            SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()
            """)).Select(c => Column(c.Table, c.Column, c.Nullable == "YES")).ToList();
        lines.AddRange((await connection.QueryAsync<(string Table, string Columns, string References)>("""
            SELECT t.relname, array_to_string(ARRAY(
                       SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o), ', '),
                   r.relname
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace s ON s.oid = t.relnamespace
            LEFT JOIN pg_class r ON r.oid = c.confrelid
            WHERE s.nspname = current_schema() AND c.contype IN ('p', 'f')
            """)).Select(k => k.References is null ? $"{k.Table} primary key ({k.Columns})" : $"{k.Table} foreign key ({k.Columns}) references {k.References}"));
        lines.AddRange((await connection.QueryAsync<(string Table, string Columns, bool Unique, bool Partial)>("""
            SELECT t.relname, array_to_string(ARRAY(
                       SELECT COALESCE(a.attname, '(expression)') FROM unnest(ix.indkey) WITH ORDINALITY k(n, o)
                       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o), ', '),
                   ix.indisunique, ix.indpred IS NOT NULL
            FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace s ON s.oid = t.relnamespace
            WHERE s.nspname = current_schema() AND NOT ix.indisprimary
            """)).Select(i => Index(i.Table, i.Columns, i.Unique, i.Partial)));
        lines.AddRange((await connection.QueryAsync<string>(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE '%moves_data_version'")).Select(MovesDataVersion));
        return lines;
    }

    private static async Task<List<string>> SqlServerAsync(DbConnection connection)
    {
        var lines = (await connection.QueryAsync<(string Table, string Column, bool Nullable)>("""
            SELECT t.name, c.name, c.is_nullable FROM sys.columns c JOIN sys.tables t ON t.object_id = c.object_id
            """)).Select(c => Column(c.Table, c.Column, c.Nullable)).ToList();
        lines.AddRange((await connection.QueryAsync<(string Table, string Columns, string References)>("""
            SELECT t.name, STRING_AGG(c.name, ', ') WITHIN GROUP (ORDER BY fc.constraint_column_id), r.name
            FROM sys.foreign_keys f JOIN sys.tables t ON t.object_id = f.parent_object_id JOIN sys.tables r ON r.object_id = f.referenced_object_id
            JOIN sys.foreign_key_columns fc ON fc.constraint_object_id = f.object_id
            JOIN sys.columns c ON c.object_id = fc.parent_object_id AND c.column_id = fc.parent_column_id
            GROUP BY f.object_id, t.name, r.name
            """)).Select(k => $"{k.Table} foreign key ({k.Columns}) references {k.References}"));
        lines.AddRange((await connection.QueryAsync<(string Table, string Columns, bool Unique, bool Partial, bool Primary)>("""
            SELECT t.name, STRING_AGG(c.name, ', ') WITHIN GROUP (ORDER BY ic.key_ordinal), i.is_unique, i.has_filter, i.is_primary_key
            FROM sys.indexes i JOIN sys.tables t ON t.object_id = i.object_id
            JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.is_included_column = 0
            JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
            WHERE i.type > 0
            GROUP BY t.name, i.object_id, i.index_id, i.is_unique, i.has_filter, i.is_primary_key
            """)).Select(i => i.Primary ? $"{i.Table} primary key ({i.Columns})" : Index(i.Table, i.Columns, i.Unique, i.Partial)));
        lines.AddRange((await connection.QueryAsync<string>(
            "SELECT OBJECT_NAME(parent_id) FROM sys.triggers WHERE name LIKE '%moves_data_version'")).Select(MovesDataVersion));
        return lines;
    }
}
