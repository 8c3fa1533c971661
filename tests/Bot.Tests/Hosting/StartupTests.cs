using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Demo;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Numbers;

namespace NumbersBot.Bot.Tests.Hosting;

public class StartupTests
{
    [Fact]
    public async Task Healthz_answers_when_the_database_does()
    {
        using var app = new NumbersBotApp();
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_empty_database_in_development_gets_the_demo_project()
    {
        using var app = new NumbersBotApp();
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ShowNumbersHandler>()
            .HandleAsync(new ShowNumbers(new Actor(UserRef.Local("alice"), "Alice"), null), CancellationToken.None);

        Assert.Equal(DemoProject.Id, page.Project.Id);
        Assert.All(page.Environments, e => Assert.NotEmpty(e.Numbers));
        // Seeded numbers are not waiting for a route step: the card must not say "Routing…" forever.
        Assert.All(page.Environments.SelectMany(e => e.Numbers), n => Assert.Equal(Reachability.Routed, n.Reachability));
        Assert.True(page.UsesVariants);
        Assert.Contains(page.Callouts, c => c.Title == "New variant added");
        Assert.Equal(["London", "Manchester"], page.Environments[0].AssignableVariants.Select(v => v.Name));
    }

    [Fact]
    public async Task The_demo_is_not_seeded_outside_development_unless_asked()
    {
        using var app = new NumbersBotApp().With("Demo:Seed", "false");
        app.CreateClient();
        await using var scope = app.Services.CreateAsyncScope();
        var projects = await scope.ServiceProvider.GetRequiredService<NumbersBot.Domain.Projects.IProjectRepository>().ListAsync(CancellationToken.None);
        Assert.Empty(projects);
    }

    [Theory]
    [InlineData("Database__Provider", "Oracle", "Database:Provider is 'Oracle'")]
    [InlineData("Telephony__Provider", "Vonage", "Telephony:Provider is 'Vonage'")]
    [InlineData("Approvals__LifetimeMinutes", "soon", "Approvals:LifetimeMinutes is 'soon'")]
    [InlineData("Access__Admins", "alice", "Access:Admins")]
    [InlineData("Retention__Days", "forever", "Retention:Days is 'forever'")]
    public void A_configuration_problem_stops_startup_with_one_clear_message(string variable, string value, string expected)
    {
        var (exitCode, stderr) = RunBot((variable, value));
        Assert.Equal(1, exitCode);
        Assert.Contains($"NumbersBot cannot start: {expected}", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    [Fact]
    public void An_unreachable_database_stops_startup_with_one_clear_message()
    {
        var (exitCode, stderr) = RunBot(
            ("Database__Provider", "Postgres"),
            ("ConnectionStrings__Numbers", "Host=127.0.0.1;Port=1;Username=nobody;Password=hunter2;Database=none;Timeout=2"));
        Assert.Equal(1, exitCode);
        Assert.Contains("NumbersBot cannot start:", stderr);
        Assert.Contains("127.0.0.1", stderr);
        Assert.DoesNotContain("hunter2", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>Starts the real bot as a process, as an operator would, and waits for it to give up.</summary>
    private static (int ExitCode, string Stderr) RunBot(params (string Name, string Value)[] environment)
    {
        var folder = Directory.CreateTempSubdirectory("numbersbot-start");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "NumbersBot.Bot.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = folder.FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Demo__Seed"] = "false";
        start.Environment["ConnectionStrings__Numbers"] = $"Data Source={Path.Combine(folder.FullName, "n.db")}";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The bot kept running despite a configuration problem.");
        }
        try { folder.Delete(recursive: true); } catch (IOException) { }
        return (process.ExitCode, stderr.Result);
    }
}
