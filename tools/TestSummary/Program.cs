// Summarises a test run from its TRX files: lists what failed or was skipped and ends with one line,
// "N passed, M failed, K skipped". Exit code 0 only when nothing failed.
// Usage: NumbersBot.TestSummary <results directory> [--test-exit-code N] [--test-projects N]
using NumbersBot.TestSummary;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: NumbersBot.TestSummary <results directory> [--test-exit-code N] [--test-projects N]");
    return 2;
}
var directory = args[0];
var testExitCode = Option("--test-exit-code") ?? 0;
var testProjects = Option("--test-projects") ?? 1;
var problems = new List<string>();
var trxFiles = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.trx") : [];

var results = new List<TestResult>();
foreach (var trx in trxFiles.Order())
{
    var inFile = TestResults.ReadTrx(trx);
    results.AddRange(inFile);
    Console.WriteLine($"  {Path.GetFileName(trx)}: {inFile.Count(r => r.Outcome == Outcome.Passed)} passed, " +
        $"{inFile.Count(r => r.Outcome == Outcome.Failed)} failed, {inFile.Count(r => r.Outcome == Outcome.Skipped)} skipped");
}
if (Directory.Exists(directory))
    problems.AddRange(TestResults.Unfinished(directory).Select(t => $"a test host crashed or hung while running: {t}"));
if (trxFiles.Length == 0) problems.Add($"no TRX file in {directory}: no tests ran");
else if (TestResults.MissingResults(trxFiles.Length, testProjects) is { } missing) problems.Add(missing);
else if (results.Count == 0) problems.Add("the TRX files hold no test results: zero tests ran");

// A non-zero exit with no failed test means the run itself broke (a crashed host, a bad argument).
if (testExitCode != 0 && results.All(r => r.Outcome != Outcome.Failed) && problems.Count == 0)
    problems.Add($"dotnet test exited with code {testExitCode} although no test failed");

var summary = Verdict.FromEnvironment().Summarise(results, problems);
List("Failed tests", summary.Failed.Select(Line));
List("Skipped tests counted as failed (CI=true)", summary.SkippedAsFailed.Select(Line));
List("Skipped tests", summary.Skipped.Select(Line));
List("Run problems (each counted as failed)", summary.Problems);
Console.WriteLine(summary.LastLine);
return summary.FailedCount == 0 ? 0 : 1;

int? Option(string name) => Array.IndexOf(args, name) is var at and >= 1 && at + 1 < args.Length ? int.Parse(args[at + 1]) : null;

static string Line(TestResult test) => test.Message.Length == 0 ? test.Name : $"{test.Name}  --  {test.Message}";

static void List(string title, IEnumerable<string> lines)
{
    var all = lines.ToList();
    if (all.Count == 0) return;
    Console.WriteLine($"\n{title} ({all.Count}):");
    foreach (var line in all) Console.WriteLine($"  {line}");
    Console.WriteLine();
}
