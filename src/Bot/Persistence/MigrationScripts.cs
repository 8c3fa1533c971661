using DbUp.Engine;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// The embedded scripts for one dialect, named by file only ("0001_initial.sql"), so that the names DbUp
/// records as applied survive a rename of the assembly or namespace.
/// </summary>
internal static class MigrationScripts
{
    public static IReadOnlyList<SqlScript> For(SqlDialect dialect)
    {
        var assembly = typeof(MigrationScripts).Assembly;
        var prefix = $"{typeof(MigrationScripts).Namespace}.Migrations.{dialect.MigrationsFolder}.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return new SqlScript(name[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
        return scripts.Count > 0 ? scripts : throw new InvalidOperationException($"No migration scripts are embedded under {prefix}.");
    }
}
