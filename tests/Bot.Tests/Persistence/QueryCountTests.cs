using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>What one card costs in SQL statements, counted through the NumbersBot meter (only this test's own calls).</summary>
public sealed class QueryCountTests : IAsyncLifetime
{
    private static readonly Actor Admin = new(UserRef.Local("admin"), "Admin");
    private readonly SqliteTestDatabase _database = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var options = await _database.CreateAsync();
        DatabaseStartup.Migrate(options, NullLogger.Instance);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Access:Admins:0"] = "local:admin" }).Build();
        _services = new ServiceCollection().AddLogging().AddDomain(configuration).AddPersistence(options).BuildServiceProvider();
        await using var scope = _services.CreateAsyncScope();
        var sip = AgentEnvironments.All.ToDictionary(e => e, e => new SipAddresses($"sip:{e}@q.example.com", $"sip:{e}-f@q.example.com"));
        await scope.ServiceProvider.GetRequiredService<IProjectRepository>().AddAsync(new Project("q", "Queries", TelephonyIntegration.PlatformPool, sip), default);
        var numbers = scope.ServiceProvider.GetRequiredService<INumberRepository>();
        for (var i = 0; i < 60; i++)
            await numbers.AddAsync(new ProjectNumber(Guid.NewGuid(), "q", PhoneNumber.ParseE164($"+141555501{i:D2}"), AgentEnvironments.All[i % 3],
                NumberSource.Platform, $"SIM{i}", simulated: true, null, DateTimeOffset.UtcNow, "local:admin"), default);
    }

    [Fact]
    public async Task A_page_of_the_numbers_card_costs_the_same_few_statements_however_many_numbers_there_are()
    {
        using var listener = StatementCounter.Listen();
        await using var scope = _services.CreateAsyncScope();
        var (page, queries, writes) = await StatementCounter.CountAsync(() => scope.ServiceProvider.GetRequiredService<ShowNumbersHandler>()
            .HandleAsync(new ShowNumbers(Admin, "q", AgentEnvironment.Live, 1), default));

        Assert.Equal(10, page.Environments.Single(e => e.Environment == AgentEnvironment.Live).Numbers.Count);
        Assert.Equal(20, page.Environments.Single(e => e.Environment == AgentEnvironment.Live).Count);
        // the gate (access, project, catalog) and the card (counts, pages with their open approvals): one batch each
        Assert.Equal((2, 0), (queries, writes));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
