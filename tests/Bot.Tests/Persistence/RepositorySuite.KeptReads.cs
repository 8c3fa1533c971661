using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>
/// A look (the gate's rows, then the numbers card) is kept while the database has not changed: asked again it costs one
/// small query. Any change to what it read, by any instance or by hand at a SQL prompt, is seen on the next look.
/// </summary>
public abstract partial class RepositorySuite
{
    /// <summary>Whether this database keeps looks (SQL Server reads afresh: migration 0011 says why).</summary>
    private bool KeepsReads => SqlDialect.For(Options.Provider).KeepsReads;

    private static readonly PageStart[] FirstPages = [.. AgentEnvironments.All.Select(e => new PageStart(e, 0))];

    private sealed record Look(GateRead Gate, NumbersCardRead Card, long Queries);

    /// <summary>One turn on <paramref name="instance"/>: the gate of a look at alpha's numbers, then its card.</summary>
    private static async Task<Look> LookAsync(IServiceProvider instance, string asker = "local:dave", Func<IServiceProvider, Task>? first = null)
    {
        await using var turn = instance.CreateAsyncScope();
        using var listener = StatementCounter.Listen();
        var ((gate, card), queries, _) = await StatementCounter.CountAsync(async () =>
        {
            if (first is not null) await first(turn.ServiceProvider);
            var gate = await turn.ServiceProvider.GetRequiredService<IGateReads>().ReadAsync(UserRef.ParseKey(asker), [], "alpha", AccessLevel.Read, Ct);
            var card = await turn.ServiceProvider.GetRequiredService<INumberRepository>().CardAsync("alpha", FirstPages, 10, null, Ct);
            return (gate, card);
        });
        return new Look(gate, card, queries);
    }

    /// <summary>A second bot instance on the same database: its own kept reads.</summary>
    private ServiceProvider OtherInstance() =>
        new ServiceCollection().AddSingleton<TimeProvider>(Clock).AddPersistence(Options).BuildServiceProvider(validateScopes: true);

    private async Task<ProjectNumber> AlphaWithOneNumberAsync()
    {
        var number = NewNumber("+14155550100", environment: AgentEnvironment.Sandbox);
        await using var bot = NewInstance();
        await bot.Projects.AddAsync(NewProject("alpha", "Alpha Voice"), Ct);
        await bot.Access.SaveAsync(new UserAccess(UserRef.Local("dave"), "Dave", Role.Member, AccessLevel.Read, AccessLevel.None), Ct);
        await bot.Numbers.AddAsync(number, Ct);
        return number;
    }

    [SkippableFact]
    public async Task A_look_asked_again_with_nothing_changed_costs_one_small_query_and_shows_the_same()
    {
        await AlphaWithOneNumberAsync();
        await using (var bot = NewInstance())
        {
            var catalog = VariantCatalog.Empty("alpha");
            catalog.AddDraft("v-1", "London");
            await bot.Variants.SaveAsync(catalog, Ct);
        }
        await using var instance = OtherInstance();

        var first = await LookAsync(instance);
        first.Gate.Catalog!.AddDraft("v-2", "Leeds"); // as an action would, before saving
        var again = await LookAsync(instance);

        Assert.Equal((2, KeepsReads ? 1 : 2), (first.Queries, again.Queries));
        Assert.Equal(first.Gate.Project!.Name, again.Gate.Project!.Name);
        Assert.Equal(first.Card.Rows.Select(n => n.Id), again.Card.Rows.Select(n => n.Id));
        // Each turn gets its own aggregates: an action may change them in place.
        Assert.NotSame(first.Gate.Project, again.Gate.Project);
        Assert.NotSame(first.Card.Rows[0], again.Card.Rows[0]);
        Assert.Equal(["London"], again.Gate.Catalog!.Drafts.Select(v => v.Name));
    }

    [SkippableFact]
    public async Task A_delivery_noted_first_in_the_turn_still_lets_the_look_be_answered_from_what_was_kept()
    {
        await AlphaWithOneNumberAsync();
        await using var instance = OtherInstance();
        await LookAsync(instance);
        var delivery = 0;
        Task NoteDelivery(IServiceProvider turn) =>
            turn.GetRequiredService<NumbersBot.Bot.Conversation.IDeliveryLog>().TryRecordFirstAsync("teams", $"a:{++delivery}", Ct);

        var look = await LookAsync(instance, first: NoteDelivery);

        Assert.Equal(KeepsReads ? 1 : 2, look.Queries); // the version; the delivery is a write, not a query
        Assert.Single(look.Card.Rows);
    }

    [SkippableFact]
    public async Task A_look_after_another_instance_changed_anything_it_reads_shows_the_change()
    {
        var number = await AlphaWithOneNumberAsync();
        await using var looking = OtherInstance();
        await using var changing = OtherInstance();
        async Task ChangeAsync(Func<Bot, Task> change)
        {
            await LookAsync(looking); // kept
            await using var turn = changing.CreateAsyncScope();
            await change(new Bot(turn.ServiceProvider));
        }

        await ChangeAsync(bot => bot.Get<INumberRepository>().AddAsync(NewNumber("+14155550101", environment: AgentEnvironment.Sandbox), Ct));
        Assert.Equal(2, (await LookAsync(looking)).Card.Matching[AgentEnvironment.Sandbox]);

        await ChangeAsync(bot => bot.Get<INumberRepository>().SetReachabilityAsync(number.Id, Reachability.Unreachable, "Twilio refused the route", Ct));
        Assert.Equal(Reachability.Unreachable, (await LookAsync(looking)).Card.Rows.Single(n => n.Id == number.Id).Reachability);

        await ChangeAsync(bot => bot.Get<Domain.Approvals.IApprovalRepository>().AddAsync(NewApproval(number), Ct));
        Assert.Contains(number.Id, (await LookAsync(looking)).Card.Approvals!.Keys);

        await ChangeAsync(async bot =>
        {
            var projects = bot.Get<Domain.Projects.IProjectRepository>();
            var alpha = (await projects.FindAsync("alpha", Ct))!;
            alpha.Rename("Alpha Voice (renamed)");
            await projects.SaveAsync(alpha, Ct);
        });
        Assert.Equal("Alpha Voice (renamed)", (await LookAsync(looking)).Gate.Project!.Name);

        await ChangeAsync(async bot =>
        {
            var catalog = VariantCatalog.Empty("alpha");
            catalog.AddDraft("v-1", "London");
            await bot.Get<IVariantCatalogRepository>().SaveAsync(catalog, Ct);
        });
        Assert.Equal("London", Assert.Single((await LookAsync(looking)).Gate.Catalog!.Drafts).Name);

        await ChangeAsync(bot => bot.Get<IAccessRepository>().SaveAsync(
            new UserAccess(UserRef.Local("dave"), "Dave", Role.Member, AccessLevel.None, AccessLevel.None), Ct));
        Assert.Equal(AccessLevel.None, (await LookAsync(looking)).Gate.People.Single(p => p.User.Key == "local:dave").Numbers);

        await ChangeAsync(async bot =>
        {
            var numbers = bot.Get<INumberRepository>();
            await numbers.DeleteAsync((await numbers.FindAsync(number.Id, Ct))!, Ct);
        });
        Assert.Equal(1, (await LookAsync(looking)).Card.Matching[AgentEnvironment.Sandbox]);
    }

    [SkippableFact]
    public async Task A_choice_of_project_made_on_another_instance_is_seen_by_the_next_numbers_without_a_project()
    {
        await AlphaWithOneNumberAsync();
        await using (var bot = NewInstance()) await bot.Projects.AddAsync(NewProject("beta", "Beta Voice"), Ct);
        await using var looking = OtherInstance();
        async Task<string?> ChosenAsync()
        {
            await using var turn = looking.CreateAsyncScope();
            return (await turn.ServiceProvider.GetRequiredService<IGateReads>().ReadProjectsAsync(UserRef.Local("dave"), [], "room-1", Ct)).Chosen;
        }
        Assert.Null(await ChosenAsync());
        Assert.Null(await ChosenAsync());

        await using (var bot = NewInstance()) await bot.Choices.RememberAsync("local:dave", "room-1", "beta", Ct);

        Assert.Equal("beta", await ChosenAsync());
    }

    [SkippableFact]
    public async Task A_change_made_by_hand_at_a_SQL_prompt_is_seen_on_the_next_look()
    {
        var number = await AlphaWithOneNumberAsync();
        await using var instance = OtherInstance();
        await LookAsync(instance);
        await LookAsync(instance);

        await using (var prompt = SqlDialect.For(Options.Provider).CreateConnection(Options.ConnectionString))
        {
            await prompt.OpenAsync();
            await prompt.ExecuteAsync("DELETE FROM numbers WHERE id = @id", new { id = number.Id });
        }

        Assert.Empty((await LookAsync(instance)).Card.Rows);
    }

    [SkippableFact]
    public async Task What_a_unit_of_work_read_before_rolling_back_is_never_shown_afterwards()
    {
        await AlphaWithOneNumberAsync();
        await using var instance = OtherInstance();
        await using (var turn = instance.CreateAsyncScope())
        {
            var bot = new Bot(turn.ServiceProvider);
            await using var work = await bot.Get<Domain.IUnitOfWork>().BeginAsync(Ct);
            await bot.Get<INumberRepository>().AddAsync(NewNumber("+14155550199", environment: AgentEnvironment.Sandbox), Ct);
            await bot.Get<IGateReads>().ReadAsync(UserRef.Local("dave"), [], "alpha", AccessLevel.Read, Ct);
            Assert.Equal(2, (await bot.Get<INumberRepository>().CardAsync("alpha", FirstPages, 10, null, Ct)).Matching[AgentEnvironment.Sandbox]);
            // Disposed without a commit: rolled back.
        }
        // Another change moves the version on, to where the rolled-back read might have been kept.
        await using (var bot = NewInstance())
            await bot.Numbers.AddAsync(NewNumber("+14155550102", environment: AgentEnvironment.Live), Ct);

        var look = await LookAsync(instance);

        Assert.Equal((1, 1), (look.Card.Matching[AgentEnvironment.Sandbox], look.Card.Matching[AgentEnvironment.Live]));
        Assert.DoesNotContain(look.Card.Rows, n => n.Number.E164 == "+14155550199");
    }

    [SkippableFact]
    public async Task A_look_after_a_change_elsewhere_asks_the_version_then_reads_as_a_first_look()
    {
        await AlphaWithOneNumberAsync();
        await using var instance = OtherInstance();
        await LookAsync(instance);
        await using (var bot = NewInstance())
            await bot.Numbers.AddAsync(NewNumber("+14155550101", environment: AgentEnvironment.Sandbox), Ct);

        var look = await LookAsync(instance);

        // Where looks are kept, the kept gate costs its small version query first; the price of a cheap look asked again.
        Assert.Equal(KeepsReads ? 3 : 2, look.Queries);
        Assert.Equal(2, look.Card.Matching[AgentEnvironment.Sandbox]);
    }

    [SkippableFact]
    public async Task A_look_after_a_change_made_on_the_same_instance_reads_as_a_first_look_without_asking_the_version()
    {
        var number = await AlphaWithOneNumberAsync();
        await using var instance = OtherInstance();
        await LookAsync(instance);
        await using (var turn = instance.CreateAsyncScope())
            await turn.ServiceProvider.GetRequiredService<INumberRepository>().AddAsync(NewNumber("+14155550101", environment: AgentEnvironment.Sandbox), Ct);
        var afterAWrite = await LookAsync(instance);
        await using (var turn = instance.CreateAsyncScope())
        {
            var bot = new Bot(turn.ServiceProvider);
            await using var work = await bot.Get<Domain.IUnitOfWork>().BeginAsync(Ct);
            await bot.Get<INumberRepository>().SetReachabilityAsync(number.Id, Reachability.Unreachable, "Twilio refused the route", Ct);
            await work.CommitAsync(Ct);
        }
        var afterACommit = await LookAsync(instance);
        var again = await LookAsync(instance);

        Assert.Equal((2, 2, KeepsReads ? 1 : 2), (afterAWrite.Queries, afterACommit.Queries, again.Queries));
        Assert.Equal(2, afterAWrite.Card.Matching[AgentEnvironment.Sandbox]);
        Assert.Equal(Reachability.Unreachable, afterACommit.Card.Rows.Single(n => n.Id == number.Id).Reachability);
    }

    [SkippableFact]
    public async Task A_unit_of_work_rolled_back_leaves_what_was_kept_current()
    {
        await AlphaWithOneNumberAsync();
        await using var instance = OtherInstance();
        await LookAsync(instance);
        await using (var turn = instance.CreateAsyncScope())
        {
            var bot = new Bot(turn.ServiceProvider);
            await using var work = await bot.Get<Domain.IUnitOfWork>().BeginAsync(Ct);
            await bot.Get<INumberRepository>().AddAsync(NewNumber("+14155550199", environment: AgentEnvironment.Sandbox), Ct);
        }

        var look = await LookAsync(instance);

        Assert.Equal(KeepsReads ? 1 : 2, look.Queries);
        Assert.Equal(1, look.Card.Matching[AgentEnvironment.Sandbox]);
    }

    [SkippableFact]
    public async Task A_conditional_write_that_matched_nothing_leaves_what_was_kept_current()
    {
        await AlphaWithOneNumberAsync();
        await using var instance = OtherInstance();
        await LookAsync(instance);
        await using (var turn = instance.CreateAsyncScope())
            Assert.False(await turn.ServiceProvider.GetRequiredService<INumberRepository>()
                .SetReachabilityAsync(Guid.NewGuid(), Reachability.Unreachable, "no such number", Ct));


        // Still worth the small version query: a look read afresh would cost as many round trips, but the whole gate's rows.
        Assert.Equal(KeepsReads, instance.GetRequiredService<KeptReads>().MayHold(SqlGateReads.GateKey(UserRef.Local("dave"), [], "alpha")));
        Assert.Equal(KeepsReads ? 1 : 2, (await LookAsync(instance)).Queries);
    }

    [SkippableFact]
    public async Task Once_one_look_has_seen_a_change_elsewhere_looks_kept_before_it_are_read_afresh_without_asking()
    {
        await AlphaWithOneNumberAsync();
        await using (var bot = NewInstance())
            await bot.Access.SaveAsync(new UserAccess(UserRef.Local("erin"), "Erin", Role.Member, AccessLevel.Read, AccessLevel.None), Ct);
        await using var instance = OtherInstance();
        await LookAsync(instance, "local:dave");
        await LookAsync(instance, "local:erin");
        await using (var bot = NewInstance())
            await bot.Numbers.AddAsync(NewNumber("+14155550101", environment: AgentEnvironment.Sandbox), Ct);

        var dave = await LookAsync(instance, "local:dave");
        var erin = await LookAsync(instance, "local:erin");

        // Erin's gate is read afresh at once (1), and the card Dave's look just read is kept for her under the new version.
        Assert.Equal(KeepsReads ? (3, 1) : (2, 2), (dave.Queries, erin.Queries));
        Assert.Equal(2, erin.Card.Matching[AgentEnvironment.Sandbox]);
    }

    [SkippableFact]
    public async Task Every_table_a_look_reads_moves_the_data_version()
    {
        var schema = await SchemaModel.ReadAsync(Options);
        // The tables a write to which makes a turn skip the version query (KeptReads.LooksRead) are the ones the triggers watch.
        string[] watched = KeepsReads ? [.. KeptReads.Tables.Order(StringComparer.Ordinal)] : [];

        Assert.Equal(
            watched,
            schema.Where(line => line.EndsWith(" moves data_version", StringComparison.Ordinal)).Select(line => line.Split(' ')[0]));
    }

    private sealed class Bot(IServiceProvider services)
    {
        public T Get<T>() where T : notnull => services.GetRequiredService<T>();
    }
}
