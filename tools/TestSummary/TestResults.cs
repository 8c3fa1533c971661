using System.Xml.Linq;

namespace NumbersBot.TestSummary;

public enum Outcome
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>One test as a TRX file records it, with the first line of its message (error or skip reason).</summary>
public sealed record TestResult(string Name, Outcome Outcome, string Message);

/// <summary>Reads the results that `dotnet test --logger trx` leaves, and the tests a crashed host never finished.</summary>
public static class TestResults
{
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    public static IReadOnlyList<TestResult> ReadTrx(string path) =>
        XDocument.Load(path).Descendants(Trx + "UnitTestResult").Select(Read).ToList();

    private static TestResult Read(XElement result)
    {
        var outcome = (string?)result.Attribute("outcome") switch
        {
            "Passed" => Outcome.Passed,
            "NotExecuted" => Outcome.Skipped,
            _ => Outcome.Failed, // Failed, Error, Timeout, Aborted, anything unknown
        };
        var output = result.Element(Trx + "Output");
        var message = (string?)output?.Element(Trx + "ErrorInfo")?.Element(Trx + "Message")
            ?? (string?)output?.Element(Trx + "StdOut") ?? "";
        return new TestResult((string?)result.Attribute("testName") ?? "(unnamed test)", outcome, FirstLine(message));
    }

    /// <summary>The blame collector's Sequence_*.xml lists every test a host started; Completed="False" never ended.</summary>
    public static IEnumerable<string> Unfinished(string resultsDirectory) =>
        Directory.EnumerateFiles(resultsDirectory, "Sequence_*.xml", SearchOption.AllDirectories)
            .SelectMany(file => XDocument.Load(file).Descendants("Test"))
            .Where(test => (string?)test.Attribute("Completed") == "False")
            .Select(test => (string?)test.Attribute("Name") ?? "(unnamed test)")
            .Distinct();

    /// <summary>
    /// Each test project writes one TRX file when its run ends; fewer than expected means a run was stopped before it
    /// finished (a killed `dotnet test` can still exit 0), so its tests were never counted.
    /// </summary>
    public static string? MissingResults(int trxFiles, int expectedProjects) => trxFiles < expectedProjects
        ? $"only {trxFiles} of {expectedProjects} test projects wrote results: a test run was stopped before it finished"
        : null;

    private static string FirstLine(string text) =>
        text.Split('\n', 2)[0].Trim();
}
