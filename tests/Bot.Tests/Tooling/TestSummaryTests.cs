using NumbersBot.TestSummary;

namespace NumbersBot.Bot.Tests.Tooling;

/// <summary>What a test run counts as: the line CI reads, and the rule that a skip is a failure under CI.</summary>
public sealed class TestSummaryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("numbersbot-trx-").FullName;

    [Fact]
    public void Outside_CI_a_skipped_test_is_only_counted_as_skipped()
    {
        var summary = new Verdict(ci: false, sqlServerConfigured: false).Summarise(Read(Trx(
            Result("Adds_a_number", "Passed"), Result("Renders_in_a_browser", "NotExecuted", "chromium is missing"))), []);

        Assert.Equal("1 passed, 0 failed, 1 skipped", summary.LastLine);
    }

    [Fact]
    public void Under_CI_a_skipped_test_is_a_failure_with_its_reason()
    {
        var summary = new Verdict(ci: true, sqlServerConfigured: false).Summarise(Read(Trx(
            Result("Adds_a_number", "Passed"), Result("Renders_in_a_browser", "NotExecuted", "chromium is missing"))), []);

        Assert.Equal("1 passed, 1 failed, 0 skipped", summary.LastLine);
        Assert.Equal("chromium is missing", Assert.Single(summary.SkippedAsFailed).Message);
    }

    [Fact]
    public void Under_CI_the_SQL_Server_suite_may_skip_only_while_no_server_is_configured()
    {
        var results = Read(Trx(Result("RepositorySuiteSqlServer.Saves_a_number", "NotExecuted", "NUMBERSBOT_TEST_SQLSERVER is not set")));

        Assert.Equal("0 passed, 0 failed, 1 skipped", new Verdict(ci: true, sqlServerConfigured: false).Summarise(results, []).LastLine);
        Assert.Equal("0 passed, 1 failed, 0 skipped", new Verdict(ci: true, sqlServerConfigured: true).Summarise(results, []).LastLine);
    }

    [Fact]
    public void Errors_timeouts_and_aborts_are_failures_with_the_first_line_of_their_message()
    {
        var summary = new Verdict(ci: false, sqlServerConfigured: false).Summarise(Read(Trx(
            Result("Deletes", "Failed", "Assert.Equal() Failure\nExpected: 1"), Result("Hangs", "Timeout"), Result("Aborts", "Aborted"))), []);

        Assert.Equal("0 passed, 3 failed, 0 skipped", summary.LastLine);
        Assert.Equal("Assert.Equal() Failure", summary.Failed[0].Message);
    }

    [Fact]
    public void A_test_project_that_wrote_no_results_is_a_run_problem()
    {
        Assert.Contains("only 1 of 2 test projects wrote results", TestResults.MissingResults(trxFiles: 1, expectedProjects: 2));
        Assert.Null(TestResults.MissingResults(trxFiles: 2, expectedProjects: 2));
    }

    [Fact]
    public void A_run_problem_counts_as_one_failure()
    {
        var summary = new Verdict(ci: false, sqlServerConfigured: false).Summarise([], ["a test host crashed while running: Deletes"]);

        Assert.Equal("0 passed, 1 failed, 0 skipped", summary.LastLine);
    }

    [Fact]
    public void Tests_a_crashed_host_never_finished_are_found_in_the_blame_sequence()
    {
        File.WriteAllText(Path.Combine(_folder, "Sequence_abc.xml"),
            """<?xml version="1.0"?><TestSequence><Test Name="Finishes" Completed="True" /><Test Name="Crashes" Completed="False" /></TestSequence>""");

        Assert.Equal(["Crashes"], TestResults.Unfinished(_folder));
    }

    private IReadOnlyList<TestResult> Read(string trx)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.trx");
        File.WriteAllText(path, trx);
        return TestResults.ReadTrx(path);
    }

    private static string Trx(params string[] results) =>
        $"""<?xml version="1.0" encoding="utf-8"?><TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>{string.Concat(results)}</Results></TestRun>""";

    private static string Result(string name, string outcome, string? message = null) =>
        $"""<UnitTestResult testName="{name}" outcome="{outcome}">""" +
        (message is null ? "" : $"<Output><ErrorInfo><Message>{System.Security.SecurityElement.Escape(message)}</Message></ErrorInfo></Output>") +
        "</UnitTestResult>";

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
