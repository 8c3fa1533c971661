using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Persistence;

/// <summary>
/// How ids, times and the domain's value objects are stored, taught to Dapper once per process.
/// SQLite has no uuid or timestamp type, so there they are text; the other databases get their native types.
/// Times are always stored in UTC.
/// </summary>
internal static class StoredTypes
{
    /// <summary>Fixed width, so that in SQLite text order is time order.</summary>
    public const string SqliteTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            // Dapper's built-in mappings for these would bypass the handlers when binding parameters.
            foreach (var type in new[] { typeof(Guid), typeof(Guid?), typeof(DateTimeOffset), typeof(DateTimeOffset?) })
                SqlMapper.RemoveTypeMap(type);
            SqlMapper.AddTypeHandler(new GuidHandler());
            SqlMapper.AddTypeHandler(new TimeHandler());
            SqlMapper.AddTypeHandler(new PhoneNumberHandler());
            SqlMapper.AddTypeHandler(new UserRefHandler());
            // Columns are snake_case, row properties PascalCase.
            DefaultTypeMap.MatchNamesWithUnderscores = true;
            _registered = true;
        }
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value) =>
            parameter.Value = parameter is SqliteParameter ? value.ToString("D") : value;

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            _ => throw new InvalidCastException($"A stored id cannot be a {value.GetType().Name}."),
        };
    }

    private sealed class TimeHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) =>
            parameter.Value = parameter is SqliteParameter
                ? value.UtcDateTime.ToString(SqliteTimeFormat, CultureInfo.InvariantCulture)
                : value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset time => time.ToUniversalTime(),
            // Npgsql reads timestamptz as a UTC DateTime.
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
            _ => throw new InvalidCastException($"A stored time cannot be a {value.GetType().Name}."),
        };
    }

    private sealed class PhoneNumberHandler : SqlMapper.TypeHandler<PhoneNumber>
    {
        public override void SetValue(IDbDataParameter parameter, PhoneNumber? value) => parameter.Value = value?.E164;

        public override PhoneNumber Parse(object value) => PhoneNumber.FromStored((string)value);
    }

    private sealed class UserRefHandler : SqlMapper.TypeHandler<UserRef>
    {
        public override void SetValue(IDbDataParameter parameter, UserRef? value) => parameter.Value = value?.Key;

        public override UserRef Parse(object value) => UserRef.ParseKey((string)value);
    }
}
