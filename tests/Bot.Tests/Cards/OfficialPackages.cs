using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>
/// The official npm packages in tests/js, run by Node: expand.mjs (adaptivecards-templating) and validate-card.mjs
/// (the adaptivecards renderer). Without Node or tests/js/node_modules the checks are skipped (a failure under CI: tools/TestSummary).
/// </summary>
internal static class OfficialPackages
{
    private static readonly string ScriptsFolder = Path.Combine(TemplateCase.RepositoryRoot, "tests", "js");
    private static readonly Lazy<string?> WhatIsMissing = new(FindWhatIsMissing);

    public static void RequireAvailable()
    {
        if (WhatIsMissing.Value is not { } missing) return;
        Skip.If(true, $"{missing} (./test.sh prepares it; or run `npm ci` in tests/js)");
    }

    /// <summary>Expands many templates in one Node process; each request is {id, template, data} paths or {id, templateJson, dataJson}.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Expand(JsonArray requests) => ById(Run("expand.mjs", requests));

    /// <summary>The renderer's parse errors and validation warnings for each {id, card}.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Validate(JsonArray requests) =>
        ById(Run("validate-card.mjs", requests))
            .ToDictionary(p => p.Key, p => (IReadOnlyList<string>)[.. p.Value["problems"]!.AsArray().Select(m => m!.GetValue<string>())]);

    private static IReadOnlyDictionary<string, JsonObject> ById(JsonArray answers) =>
        answers.Select(a => a!.AsObject()).ToDictionary(a => a["id"]!.GetValue<string>());

    private static JsonArray Run(string script, JsonArray requests)
    {
        var start = new ProcessStartInfo("node", [script, "--batch"])
        {
            WorkingDirectory = ScriptsFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LC_ALL"] = "en_US.UTF-8"; // string() formats numbers for the process locale
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(requests.ToJsonString());
        node.StandardInput.Close();
        if (!node.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            node.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within 5 minutes");
        }
        // validate-card.mjs exits 1 when it found problems; that is an answer, not a failure.
        if (node.ExitCode > 1 || output.Result.Length == 0)
            throw new InvalidOperationException($"node {script} --batch exited with {node.ExitCode}: {errors.Result}");
        return JsonNode.Parse(output.Result)!.AsArray();
    }

    private static string? FindWhatIsMissing()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
            node.WaitForExit();
        }
        catch (Win32Exception)
        {
            return "Node.js is not installed (no `node` on PATH)";
        }
        var missing = new[] { "adaptivecards-templating", "adaptive-expressions", "adaptivecards" }
            .Where(package => !File.Exists(Path.Combine(ScriptsFolder, "node_modules", package, "package.json")))
            .ToList();
        return missing.Count == 0 ? null : $"tests/js/node_modules lacks {string.Join(", ", missing)}";
    }
}
