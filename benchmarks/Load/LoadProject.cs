using Microsoft.Extensions.Logging.Abstractions;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Load;

/// <summary>The project every load request shows: its numbers spread over the three environments, two published variants.</summary>
public static class LoadProject
{
    public const string Id = "load";

    public static async Task<int> SeedAsync(string connectionString, int count, DatabaseProvider database = DatabaseProvider.Sqlite)
    {
        var options = new DatabaseOptions(database, connectionString);
        DatabaseStartup.Migrate(options, NullLogger.Instance);
        var services = new ServiceCollection()
            .AddLogging()
            .AddDomain(new ConfigurationBuilder().Build())
            .AddPersistence(options)
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var ids = provider.GetRequiredService<IIdSource>();
        var now = DateTimeOffset.UtcNow;
        var sip = AgentEnvironments.All.ToDictionary(e => e, e => new SipAddresses($"sip:{e}@load.example.com", $"sip:{e}-fallback@load.example.com"));
        var catalog = VariantCatalog.Empty(Id);
        var london = catalog.AddDraft(ids.NewId().ToString("N"), "London");
        var leeds = catalog.AddDraft(ids.NewId().ToString("N"), "Leeds");
        catalog.Publish(now);
        catalog.Promote(AgentEnvironment.Sandbox, now);
        catalog.Promote(AgentEnvironment.PreRelease, now);

        await using var work = await provider.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None);
        await provider.GetRequiredService<IProjectRepository>().AddAsync(new Project(Id, "Load Test", TelephonyIntegration.PlatformPool, sip), CancellationToken.None);
        await provider.GetRequiredService<IVariantCatalogRepository>().SaveAsync(catalog, CancellationToken.None);
        var numbers = provider.GetRequiredService<INumberRepository>();
        for (var i = 0; i < count; i++)
        {
            var e164 = i % 2 == 0 ? $"+4477009{i:D5}" : $"+141555501{i % 100:D2}";
            var variant = i % 3 == 0 ? null : i % 3 == 1 ? london : leeds;
            await numbers.AddAsync(new ProjectNumber(ids.NewId(), Id, PhoneNumber.ParseE164(e164), AgentEnvironments.All[i % 3],
                NumberSource.Platform, $"SIM{e164[1..]}", simulated: true, variant?.Id, now, "load:seed"), CancellationToken.None);
        }
        await work.CommitAsync(CancellationToken.None);
        Console.WriteLine($"seeded project '{Id}' with {count} numbers");
        return 0;
    }
}
