using System.Text.Json;
using System.Text.RegularExpressions;

namespace NumbersBot.Tests.Support.Twilio;

/// <summary>
/// What Twilio's OpenAPI description allows for the operations NumbersBot sends, from tools/twilio-openapi/operations.json
/// (generated from twilio/twilio-oai by the script beside it): the fake Twilio refuses any request these facts do not allow.
/// </summary>
public static class TwilioOpenApi
{
    public static string FactsFile { get; } = Path.Combine(RepositoryRoot(), "tools", "twilio-openapi", "operations.json");

    private static readonly Lazy<IReadOnlyList<Operation>> Facts = new(Load);

    public static IReadOnlyList<Operation> Operations => Facts.Value;

    /// <summary>Null when the request is one the description allows, else what is wrong with it.</summary>
    public static string? Problem(string method, string path, IReadOnlyDictionary<string, string> query, IReadOnlyDictionary<string, string> form)
    {
        var operation = Operations.FirstOrDefault(o => o.Method == method && o.Matches(path));
        if (operation is null) return $"{method} {path} is not an operation NumbersBot is known to send (tools/twilio-openapi/generate.py lists them)";
        var (given, other) = operation.In == "form" ? (form, query) : (query, form);
        if (other.Count > 0) return $"{operation.Id} takes its parameters in the {operation.In}, not: {string.Join(", ", other.Keys)}";
        foreach (var (name, value) in given)
        {
            if (!operation.Parameters.TryGetValue(name, out var fact)) return $"{operation.Id} has no parameter '{name}'";
            if (fact.Problem(value) is { } wrong) return $"{operation.Id} {name}: {wrong}";
        }
        return operation.Required.FirstOrDefault(r => !given.ContainsKey(r)) is { } missing ? $"{operation.Id} requires '{missing}'" : null;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "NumbersBot.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds NumbersBot.sln");
    }

    private static IReadOnlyList<Operation> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FactsFile));
        return document.RootElement.GetProperty("operations").EnumerateArray().Select(o => new Operation(
            o.GetProperty("id").GetString()!, o.GetProperty("method").GetString()!, o.GetProperty("path").GetString()!, o.GetProperty("in").GetString()!,
            o.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => new Parameter(
                p.Value.GetProperty("type").GetString()!,
                p.Value.TryGetProperty("enum", out var values) ? values.EnumerateArray().Select(v => v.GetString()!).ToList() : null,
                p.Value.TryGetProperty("minimum", out var min) ? min.GetInt64() : null,
                p.Value.TryGetProperty("maximum", out var max) ? max.GetInt64() : null)),
            o.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).ToList())).ToList();
    }

    public sealed record Operation(string Id, string Method, string Path, string In, IReadOnlyDictionary<string, Parameter> Parameters, IReadOnlyList<string> Required)
    {
        private readonly Regex _path = new("^" + Regex.Replace(Regex.Escape(Path), @"\\\{\w+}", "[^/]+") + "$");

        public bool Matches(string path) => _path.IsMatch(path);
    }

    public sealed record Parameter(string Type, IReadOnlyList<string>? Enum, long? Minimum, long? Maximum)
    {
        public string? Problem(string value)
        {
            // A repeated form field reaches the fake as one comma-joined value.
            if (Type == "array") return value.Split(',').Select(item => (this with { Type = "string" }).Problem(item)).FirstOrDefault(p => p is not null);
            if (Enum is { } allowed && !allowed.Contains(value)) return $"'{value}' is not one of {string.Join(", ", allowed)}";
            if (Type == "integer")
                return !long.TryParse(value, out var n) ? $"'{value}' is not an integer" : n < Minimum || n > Maximum ? $"{n} is outside {Minimum}..{Maximum}" : null;
            return Type == "boolean" && value is not ("true" or "false") ? $"'{value}' is not true or false" : null;
        }
    }
}
