using NumbersBot.Domain;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Demo;

/// <summary>
/// A project to look at on a fresh database in Development (or with Demo:Seed=true): numbers in every environment,
/// two published variants and a draft (so a callout shows), and people with different access to try the rules.
/// </summary>
public static class DemoProject
{
    public const string Id = "demo";

    public static IReadOnlyList<UserAccess> People { get; } =
    [
        new(UserRef.Local("alice"), "Alice (admin)", Role.Admin, AccessLevel.Edit, AccessLevel.Edit),
        new(UserRef.Local("bob"), "Bob (admin)", Role.Admin, AccessLevel.Edit, AccessLevel.Edit),
        new(UserRef.Local("carol"), "Carol (numbers editor)", Role.Member, AccessLevel.Edit, AccessLevel.Read),
        new(UserRef.Local("dave"), "Dave (read only)", Role.Member, AccessLevel.Read, AccessLevel.Read),
        new(UserRef.Local("erin"), "Erin (no access)", Role.Member, AccessLevel.None, AccessLevel.None),
    ];

    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new DemoSettings(configuration.GetValue("Demo:Seed", false)));
        return services;
    }

    /// <summary>Seeds only an empty database, so it never touches real data.</summary>
    public static async Task SeedDemoAsync(this IServiceProvider services, CancellationToken ct)
    {
        if (!services.GetRequiredService<DemoSettings>().Seed) return;
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var projects = provider.GetRequiredService<IProjectRepository>();
        if ((await projects.ListAsync(ct)).Count > 0) return;

        var clock = provider.GetRequiredService<TimeProvider>();
        var ids = provider.GetRequiredService<IIdSource>();
        var now = clock.GetUtcNow();
        var project = new Project(Id, "Demo Agent", TelephonyIntegration.PlatformPool, new Dictionary<AgentEnvironment, SipAddresses>
        {
            [AgentEnvironment.Sandbox] = new("sip:sandbox@demo.voice.example.com", "sip:sandbox-fallback@demo.voice.example.com"),
            [AgentEnvironment.PreRelease] = new("sip:prerelease@demo.voice.example.com", "sip:prerelease-fallback@demo.voice.example.com"),
            [AgentEnvironment.Live] = new("sip:live@demo.voice.example.com", "sip:live-fallback@demo.voice.example.com"),
        });

        var catalog = VariantCatalog.Empty(Id);
        var london = catalog.AddDraft(ids.NewId().ToString("N"), "London");
        var manchester = catalog.AddDraft(ids.NewId().ToString("N"), "Manchester");
        catalog.Publish(now);
        catalog.Promote(AgentEnvironment.Sandbox, now);
        catalog.Promote(AgentEnvironment.PreRelease, now);
        catalog.AddDraft(ids.NewId().ToString("N"), "Leeds");

        ProjectNumber Number(string e164, AgentEnvironment environment, NumberSource source, Variant? variant) =>
            new(ids.NewId(), Id, PhoneNumber.ParseE164(e164), environment, source, $"SIM{e164[1..]}", simulated: true, variant?.Id, now, "local:alice",
                reachability: Reachability.Routed); // simulated and seeded as working: no route step will ever run for them

        await using var work = await provider.GetRequiredService<IUnitOfWork>().BeginAsync(ct);
        await projects.AddAsync(project, ct);
        await provider.GetRequiredService<IVariantCatalogRepository>().SaveAsync(catalog, ct);
        var numbers = provider.GetRequiredService<INumberRepository>();
        foreach (var number in new[]
                 {
                     Number("+447700900101", AgentEnvironment.Sandbox, NumberSource.Platform, london),
                     Number("+14155550101", AgentEnvironment.Sandbox, NumberSource.Platform, null),
                     Number("+447700900102", AgentEnvironment.PreRelease, NumberSource.Platform, manchester),
                     Number("+447700900103", AgentEnvironment.Live, NumberSource.Platform, london),
                     Number("+14155550102", AgentEnvironment.Live, NumberSource.Twilio, manchester),
                 })
            await numbers.AddAsync(number, ct);
        var access = provider.GetRequiredService<IAccessRepository>();
        foreach (var person in People) await access.SaveAsync(person, ct);
        await work.CommitAsync(ct);
    }
}

public sealed record DemoSettings(bool Seed);
