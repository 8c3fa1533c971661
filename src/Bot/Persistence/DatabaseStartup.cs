using System.Data.Common;

namespace NumbersBot.Bot.Persistence;

/// <summary>Before the bot serves anyone: the database answers, and its schema is brought up to date.</summary>
public static class DatabaseStartup
{
    /// <summary>Safe to run on every start and from several instances at once; applied scripts are not run again.</summary>
    public static void Migrate(DatabaseOptions options, ILogger logger)
    {
        var dialect = SqlDialect.For(options.Provider);
        var target = dialect.Describe(options.ConnectionString);
        using var lockHolder = Connect(dialect, options, target);
        try
        {
            if (dialect.MigrationLock is { } takeLock)
            {
                using var command = lockHolder.CreateCommand();
                command.CommandText = takeLock;
                command.CommandTimeout = 150;
                command.ExecuteNonQuery();
            }
            var result = dialect.MigrationTarget(options.ConnectionString)
                .WithScripts(MigrationScripts.For(dialect))
                .WithTransactionPerScript()
                .LogTo(logger)
                .Build()
                .PerformUpgrade();
            if (!result.Successful)
                throw Problem($"Migrating {target} failed{(result.ErrorScript is { } script ? $" in {script.Name}" : "")}", result.Error, options);
            if (dialect.SettingWarning(lockHolder) is { } warning) logger.LogWarning("{Setting}", warning);
        }
        catch (DbException failure)
        {
            throw Problem($"Migrating {target} failed", failure, options);
        }
    }

    private static DbConnection Connect(SqlDialect dialect, DatabaseOptions options, string target)
    {
        try
        {
            dialect.PrepareDatabase(options.ConnectionString);
            var unpooled = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
            unpooled["Pooling"] = false;
            var connection = dialect.CreateConnection(unpooled.ConnectionString);
            try
            {
                connection.Open();
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        catch (Exception failure) when (failure is not (OperationCanceledException or ConfigurationProblem))
        {
            throw Problem($"Cannot reach {target}", failure, options);
        }
    }

    private static ConfigurationProblem Problem(string what, Exception failure, DatabaseOptions options)
    {
        var reasons = new List<string>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            var message = e.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !reasons.Any(r => r.Contains(message, StringComparison.Ordinal))) reasons.Add(message);
        }
        return new ConfigurationProblem(WithoutSecrets($"{what}: {string.Join(": ", reasons)}.", options.ConnectionString));
    }

    /// <summary>Drivers do not echo passwords today; this keeps it so if one ever starts.</summary>
    private static string WithoutSecrets(string message, string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in new[] { "password", "pwd" })
            {
                if (builder.TryGetValue(key, out var secret) && secret is string { Length: > 0 } text)
                    message = message.Replace(text, "***", StringComparison.Ordinal);
            }
            return message;
        }
        catch (ArgumentException)
        {
            return message;
        }
    }
}
