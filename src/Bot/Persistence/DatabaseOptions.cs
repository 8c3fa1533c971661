using NumbersBot.Bot.Hosting;

namespace NumbersBot.Bot.Persistence;

public enum DatabaseProvider
{
    /// <summary>An embedded file next to the bot: the default, for one instance.</summary>
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Which database holds the bot's state, read from Database:Provider and ConnectionStrings:Numbers.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseOptions FromConfiguration(IConfiguration config, string contentRoot)
    {
        var provider = BotSettings.Choice(config, "Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = config.GetConnectionString("Numbers");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider != DatabaseProvider.Sqlite)
                throw new ConfigurationProblem(
                    $"ConnectionStrings:Numbers is not set; {provider} needs a connection string naming an existing database.");
            connectionString = $"Data Source={Path.Combine(contentRoot, "data", "numbersbot.db")}";
        }
        return new DatabaseOptions(provider, connectionString);
    }

    /// <summary>Where the data lives, without credentials: records print every property, and this one holds a password.</summary>
    public override string ToString() => SqlDialect.For(Provider).Describe(ConnectionString);
}
