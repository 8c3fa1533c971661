namespace NumbersBot.Bot.Tests.Persistence;

// The repository suite, once per database.

public sealed class SqliteRepositoryTests() : RepositorySuite(new SqliteTestDatabase());

public sealed class PostgresRepositoryTests() : RepositorySuite(new PostgresTestDatabase());

public sealed class SqlServerRepositoryTests() : RepositorySuite(new SqlServerTestDatabase());
