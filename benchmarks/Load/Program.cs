using NumbersBot.Load;

// The load benchmark's helpers (benchmarks/load.sh runs them):
//   fakes <dir>            the Bot Framework (OpenID metadata, signing key, connector, login) and Slack on loopback;
//                          writes <dir>/fakes.env (URLs, a signed channel token, the login certificate) and runs until stdin closes
//   seed <connection> <numbers> [Sqlite|Postgres]
//                          a project of that many numbers in the database (SQLite unless named), migrated first
return args switch
{
    ["fakes", var dir] => await FakeChannels.RunAsync(dir),
    ["seed", var connection, var numbers] => await LoadProject.SeedAsync(connection, int.Parse(numbers, System.Globalization.CultureInfo.InvariantCulture)),
    ["seed", var connection, var numbers, var provider] when Enum.TryParse<NumbersBot.Bot.Persistence.DatabaseProvider>(provider, true, out var database) =>
        await LoadProject.SeedAsync(connection, int.Parse(numbers, System.Globalization.CultureInfo.InvariantCulture), database),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: NumbersBot.Load fakes <dir> | seed <connection string> <numbers> [Sqlite|Postgres]");
    return 2;
}
