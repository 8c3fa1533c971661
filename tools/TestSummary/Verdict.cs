namespace NumbersBot.TestSummary;

/// <summary>
/// The one place that decides what a run counts as. A skipped test is a failure under CI, except the SQL Server
/// suite while no NUMBERSBOT_TEST_SQLSERVER names a server (no SQL Server engine can run where CI runs).
/// </summary>
public sealed class Verdict(bool ci, bool sqlServerConfigured)
{
    public static Verdict FromEnvironment() => new(
        Environment.GetEnvironmentVariable("CI")?.Trim().ToLowerInvariant() is "true" or "1",
        !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("NUMBERSBOT_TEST_SQLSERVER")));

    public bool SkipAllowed(TestResult test) =>
        !ci || (!sqlServerConfigured && test.Name.Contains("SqlServer", StringComparison.Ordinal));

    public Summary Summarise(IEnumerable<TestResult> results, IEnumerable<string> problems)
    {
        var all = results.ToList();
        return new Summary(
            Passed: all.Count(r => r.Outcome == Outcome.Passed),
            Failed: [.. all.Where(r => r.Outcome == Outcome.Failed)],
            SkippedAsFailed: [.. all.Where(r => r.Outcome == Outcome.Skipped && !SkipAllowed(r))],
            Skipped: [.. all.Where(r => r.Outcome == Outcome.Skipped && SkipAllowed(r))],
            Problems: [.. problems]);
    }
}

/// <summary>A run's count; <see cref="Problems"/> are run-level failures (a crashed host, no tests at all).</summary>
public sealed record Summary(
    int Passed, IReadOnlyList<TestResult> Failed, IReadOnlyList<TestResult> SkippedAsFailed,
    IReadOnlyList<TestResult> Skipped, IReadOnlyList<string> Problems)
{
    public int FailedCount => Failed.Count + SkippedAsFailed.Count + Problems.Count;

    public string LastLine => $"{Passed} passed, {FailedCount} failed, {Skipped.Count} skipped";
}
