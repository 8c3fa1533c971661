using NumbersBot.Load;

// The load benchmark's helpers (benchmarks/load.sh runs them):
//   fakes <dir>            the Bot Framework (OpenID metadata, signing key, connector, login) and Slack on loopback;
//                          writes <dir>/fakes.env (URLs, a signed channel token, the login certificate) and runs until stdin closes
//   seed <connection>      a 20-number project in the SQLite database the bot has migrated
return args switch
{
    ["fakes", var dir] => await FakeChannels.RunAsync(dir),
    ["seed", var connection, var numbers] => await LoadProject.SeedAsync(connection, int.Parse(numbers, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: NumbersBot.Load fakes <dir> | seed <sqlite connection string> <numbers>");
    return 2;
}
