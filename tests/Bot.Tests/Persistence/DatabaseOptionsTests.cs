using Microsoft.Extensions.Configuration;
using NumbersBot.Bot.Persistence;

namespace NumbersBot.Bot.Tests.Persistence;

public class DatabaseOptionsTests
{
    [Fact]
    public void Without_settings_the_database_is_a_sqlite_file_in_the_data_folder()
    {
        var options = DatabaseOptions.FromConfiguration(Settings(), "/srv/numbersbot");

        Assert.Equal(new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=/srv/numbersbot/data/numbersbot.db"), options);
    }

    [Theory]
    [InlineData("postgres", DatabaseProvider.Postgres)]
    [InlineData("SQLSERVER", DatabaseProvider.SqlServer)]
    [InlineData(" Sqlite ", DatabaseProvider.Sqlite)]
    public void The_provider_is_read_in_any_case(string setting, DatabaseProvider expected)
    {
        var options = DatabaseOptions.FromConfiguration(
            Settings(("Database:Provider", setting), ("ConnectionStrings:Numbers", "Host=db;Database=numbers")), "/srv");

        Assert.Equal(new DatabaseOptions(expected, "Host=db;Database=numbers"), options);
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    public void An_unknown_provider_stops_start_up_naming_the_choices(string setting)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => DatabaseOptions.FromConfiguration(Settings(("Database:Provider", setting)), "/srv"));

        Assert.Equal($"Database:Provider is '{setting}'; use Sqlite, Postgres or SqlServer.", problem.Message);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData("SqlServer")]
    public void A_database_server_without_a_connection_string_stops_start_up(string provider)
    {
        var problem = Assert.Throws<ConfigurationProblem>(() => DatabaseOptions.FromConfiguration(Settings(("Database:Provider", provider)), "/srv"));

        Assert.StartsWith("ConnectionStrings:Numbers is not set", problem.Message);
    }

    [Fact]
    public void Printed_options_show_where_the_data_is_but_never_the_password()
    {
        var options = new DatabaseOptions(DatabaseProvider.Postgres, "Host=db.internal;Port=5433;Database=numbers;Username=bot;Password=hunter2");

        Assert.Equal("the PostgreSQL database 'numbers' on db.internal:5433", options.ToString());
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();
}
