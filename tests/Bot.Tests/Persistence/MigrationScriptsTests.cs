namespace NumbersBot.Bot.Tests.Persistence;

public class MigrationScriptsTests
{
    private static readonly string Folder = Path.Combine(Cards.TemplateCase.RepositoryRoot, "src", "Bot", "Persistence", "Migrations");

    /// <summary>Runs everywhere, SQL Server included: a script added for one dialect is added for all three.</summary>
    [Fact]
    public void Every_migration_is_written_for_every_dialect()
    {
        var scripts = new[] { "Sqlite", "Postgres", "SqlServer" }
            .ToDictionary(d => d, d => Directory.GetFiles(Path.Combine(Folder, d), "*.sql").Select(Path.GetFileName).Order().ToList());

        Assert.NotEmpty(scripts["Sqlite"]);
        Assert.Equal(scripts["Sqlite"], scripts["Postgres"]);
        Assert.Equal(scripts["Sqlite"], scripts["SqlServer"]);
    }
}
