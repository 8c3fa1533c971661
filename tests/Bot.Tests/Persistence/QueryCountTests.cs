using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Telephony;
using NumbersBot.Bot.Tests.Approvals;
using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Telephony;

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

    [Fact]
    public async Task Posting_drift_notices_reads_each_project_once()
    {
        using var listener = StatementCounter.Listen();
        var now = DateTimeOffset.UtcNow;
        await using (var scope = _services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDriftNoticeStore>();
            foreach (var (key, channel, destination) in new[] { ("rerouted:1", "teams", "19:admins"), ("rerouted:1", "slack", "C0ADMINS"), ("rerouted:2", "slack", "C0ADMINS") })
                await store.TryAddAsync(new DriftNotice(key, channel, destination, "q", null, "Live's SIP trunk sent calls elsewhere.", null, null, 0)
                {
                    Environment = AgentEnvironment.Live, Rerouted = "+14155550102 +14155550105",
                }, now, posted: false, default);
            await store.TryAddAsync(new DriftNotice("untracked:PN1", "slack", "C0ADMINS", "q", "+14155550199", "Twilio holds a number no project lists.", null, null, 0),
                now, posted: false, default);
        }
        var teams = new RecordingReplyChannel("teams");
        var slack = new RecordingReplyChannel("slack");
        var notices = new DriftNotices(_services.GetRequiredService<IServiceScopeFactory>(), [teams, slack], TimeProvider.System, NullLogger<DriftNotices>.Instance);

        var (posted, queries, _) = await StatementCounter.CountAsync(() => notices.PostDueAsync(default));

        Assert.Equal(4, posted);
        Assert.Equal(3, teams.Sent.Concat(slack.Sent).Count(s => Assert.IsType<ResultView>(s.Reply.Model).Facts.Contains(new Fact("Project", "Queries"))));
        // the due notices, the pending telephony steps, and the project the repairs name: once, not once per notice
        Assert.Equal(3, queries);
    }

    [Fact]
    public async Task A_repair_still_waiting_for_its_route_is_put_off_with_one_write_in_each_place()
    {
        using var listener = StatementCounter.Listen();
        var now = DateTimeOffset.UtcNow;
        await using (var scope = _services.CreateAsyncScope())
        {
            var number = (await scope.ServiceProvider.GetRequiredService<INumberRepository>().ListAsync("q", default)).First(n => n.Number.E164 == "+14155550102");
            await scope.ServiceProvider.GetRequiredService<ITelephonyOperationRepository>().AddAsync(new TelephonyOperation(Guid.NewGuid(), TelephonyStep.Route,
                number.Id, "q", number.Number.E164, number.Environment, "the drift check found it on no SIP trunk", "local:numbersbot", "NumbersBot", now, now),
                "worker", now.AddMinutes(5), default);
            var store = scope.ServiceProvider.GetRequiredService<IDriftNoticeStore>();
            foreach (var (channel, destination) in new[] { ("teams", "19:admins"), ("slack", "C0ADMINS") })
                await store.TryAddAsync(new DriftNotice("rerouted:1", channel, destination, "q", number.Number.E164, "It was on no SIP trunk.", null, null, 0)
                {
                    Environment = number.Environment, Rerouted = number.Number.E164,
                }, now, posted: false, default);
        }
        var notices = new DriftNotices(_services.GetRequiredService<IServiceScopeFactory>(),
            [new RecordingReplyChannel("teams"), new RecordingReplyChannel("slack")], TimeProvider.System, NullLogger<DriftNotices>.Instance);

        var (posted, _, writes) = await StatementCounter.CountAsync(() => notices.PostDueAsync(default));

        Assert.Equal(0, posted);
        // its lease is the wait: nothing more is written to put it off
        Assert.Equal(2, writes);
        await using var after = _services.CreateAsyncScope();
        var due = await after.ServiceProvider.GetRequiredService<IDriftNoticeStore>().DueAsync(now.AddSeconds(90), 10, default);
        Assert.Equal([0, 0], due.Select(n => n.Attempts));
        Assert.Empty(await after.ServiceProvider.GetRequiredService<IDriftNoticeStore>().DueAsync(now.AddSeconds(50), 10, default));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
