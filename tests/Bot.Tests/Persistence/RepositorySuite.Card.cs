using NumbersBot.Bot.Persistence;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Approvals;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Bot.Tests.Persistence;

/// <summary>The numbers card's two round trips: the gate's reads, then counts, pages, searches and open approvals.</summary>
public abstract partial class RepositorySuite
{
    [SkippableFact]
    public async Task The_card_read_pages_each_environment_with_its_open_approvals_and_searches_in_the_database()
    {
        var numbers = new List<ProjectNumber>();
        await using (var bot = NewInstance())
        {
            for (var i = 0; i < 14; i++)
            {
                var number = NewNumber($"+141555501{i:D2}", environment: i < 12 ? AgentEnvironment.Sandbox : AgentEnvironment.Live,
                    variantId: i % 3 == 0 ? "v-leeds" : "v-london");
                await bot.Numbers.AddAsync(number, Ct);
                numbers.Add(number);
            }
            await bot.Numbers.AddAsync(NewNumber("+14155550199", projectId: "beta", environment: AgentEnvironment.Sandbox), Ct);
            await bot.Approvals.AddAsync(NewApproval(numbers[12]), Ct);
            var decided = NewApproval(numbers[13]);
            await bot.Approvals.AddAsync(decided, Ct);
            decided.Decide(ApprovalDecision.Deny, Carol, Now.AddMinutes(1));
            await bot.Approvals.TryRecordDecisionAsync(decided, Ct);
        }
        await using var reader = NewInstance();
        PageStart[] firstPages = [new(AgentEnvironment.Sandbox, 0), new(AgentEnvironment.PreRelease, 0), new(AgentEnvironment.Live, 0)];

        var card = await reader.Numbers.CardAsync("alpha", [new(AgentEnvironment.Sandbox, 10), .. firstPages[1..]], 10, null, Ct);
        Assert.Equal((12, 0, 2), (card.Matching[AgentEnvironment.Sandbox], card.Matching.GetValueOrDefault(AgentEnvironment.PreRelease),
            card.Matching[AgentEnvironment.Live]));
        Assert.Equal(new string?[] { "v-leeds", "v-london" }, card.Counts.VariantsInUse.Order(StringComparer.Ordinal));
        Assert.Equal(["+14155550110", "+14155550111", "+14155550112", "+14155550113"], card.Rows.Select(n => n.Number.E164));
        var open = Assert.Single(card.Approvals!);
        Assert.Equal((numbers[12].Id, Now + ApprovalPolicy.Default.Lifetime), (open.Key, open.Value.ExpiresAt));

        var digits = await reader.Numbers.CardAsync("alpha", firstPages, 10, new NumberFilter("555011", []), Ct);
        Assert.Equal(["+14155550110", "+14155550111", "+14155550112", "+14155550113"], digits.Rows.Select(n => n.Number.E164));
        Assert.Equal((2, 2), (digits.Matching[AgentEnvironment.Sandbox], digits.Matching[AgentEnvironment.Live]));
        Assert.Equal(12, digits.Counts.In(AgentEnvironment.Sandbox)); // the callouts still see the whole project

        var leeds = await reader.Numbers.CardAsync("alpha", firstPages, 10, new NumberFilter(null, ["v-leeds"]), Ct);
        Assert.Equal(["+14155550100", "+14155550103", "+14155550106", "+14155550109", "+14155550112"], leeds.Rows.Select(n => n.Number.E164));
        var nothing = await reader.Numbers.CardAsync("alpha", firstPages, 10, new NumberFilter(null, []), Ct);
        Assert.Empty(nothing.Rows);
    }

    [SkippableFact]
    public async Task The_gate_reads_the_asker_the_admins_the_project_by_id_or_name_and_its_catalog_together()
    {
        await using (var bot = NewInstance())
        {
            await bot.Projects.AddAsync(NewProject("alpha", "Alpha Voice"), Ct);
            await bot.Projects.AddAsync(NewProject("beta", "alpha"), Ct); // named like the other's id: the id wins
            await bot.Access.SaveAsync(Bob, Ct);
            await bot.Access.SaveAsync(new UserAccess(UserRef.Local("dave"), "Dave", Role.Member, AccessLevel.Read, AccessLevel.None), Ct);
            await bot.Access.SaveAsync(new UserAccess(UserRef.Local("erin"), "Erin", Role.Member, AccessLevel.None, AccessLevel.None), Ct);
            await bot.Access.SaveAsync(new UserAccess(UserRef.Local("fay"), "Fay", Role.Member, AccessLevel.None, AccessLevel.None), Ct);
            var catalog = VariantCatalog.Empty("alpha");
            catalog.AddDraft("v-1", "London");
            await bot.Variants.SaveAsync(catalog, Ct);
        }
        await using var reader = NewInstance();
        var reads = reader.Get<IGateReads>();

        var byId = await reads.ReadAsync(UserRef.Local("dave"), ["local:fay"], "alpha", AccessLevel.Read, Ct);
        Assert.Equal(["local:bob", "local:dave", "local:fay"], byId.People.Select(p => p.User.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Alpha Voice", byId.Project!.Name);
        Assert.Equal("London", Assert.Single(byId.Catalog!.Drafts).Name);

        var byName = await reads.ReadAsync(UserRef.Local("erin"), [], "ALPHA voice", AccessLevel.Read, Ct);
        Assert.Equal("alpha", byName.Project!.Id);
        Assert.Equal("London", Assert.Single(byName.Catalog!.Drafts).Name);
        var noCatalog = await reads.ReadAsync(UserRef.Local("erin"), [], "beta", AccessLevel.Read, Ct);
        Assert.Empty(noCatalog.Catalog!.Drafts);
        Assert.Null((await reads.ReadAsync(UserRef.Local("erin"), [], "gamma", AccessLevel.Read, Ct)).Project);
    }

    [SkippableFact]
    public async Task The_gate_of_an_action_on_one_number_reads_the_number_with_its_projects_gate_and_catalog_together()
    {
        var number = NewNumber("+14155550100", projectId: "beta");
        await using (var bot = NewInstance())
        {
            await bot.Projects.AddAsync(NewProject("alpha", "Alpha Voice"), Ct);
            await bot.Projects.AddAsync(NewProject("beta", "Beta Voice"), Ct);
            await bot.Numbers.AddAsync(number, Ct);
            await bot.Access.SaveAsync(Bob, Ct);
            await bot.Access.SaveAsync(new UserAccess(UserRef.Local("dave"), "Dave", Role.Member, AccessLevel.Read, AccessLevel.None), Ct);
            await bot.Access.SaveAsync(new UserAccess(UserRef.Local("erin"), "Erin", Role.Member, AccessLevel.None, AccessLevel.None), Ct);
            var catalog = VariantCatalog.Empty("beta");
            catalog.AddDraft("v-1", "Leeds");
            await bot.Variants.SaveAsync(catalog, Ct);
        }
        await using var reader = NewInstance();
        var reads = reader.Get<IGateReads>();

        var (read, found) = await reads.ReadForNumberAsync(UserRef.Local("dave"), ["local:fay"], number.Id, Ct);

        Assert.Equivalent(number, found, strict: true);
        Assert.Equal(["local:bob", "local:dave"], read.People.Select(p => p.User.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Beta Voice", read.Project!.Name);
        Assert.Equal("Leeds", Assert.Single(read.Catalog!.Drafts).Name);
        var (nothing, none) = await reads.ReadForNumberAsync(UserRef.Local("dave"), [], Guid.NewGuid(), Ct);
        Assert.Null(none);
        Assert.Null(nothing.Project);
    }

    [SkippableFact]
    public async Task A_list_of_projects_reads_the_asker_the_admins_every_project_and_the_one_chosen_in_the_conversation_together()
    {
        await using (var bot = NewInstance())
        {
            await bot.Projects.AddAsync(NewProject("zeta", "Zeta Voice"), Ct);
            await bot.Projects.AddAsync(NewProject("alpha", "Alpha Voice"), Ct);
            await bot.Access.SaveAsync(Bob, Ct);
            await bot.Access.SaveAsync(new UserAccess(UserRef.Local("erin"), "Erin", Role.Member, AccessLevel.None, AccessLevel.None), Ct);
            await bot.Choices.RememberAsync("local:dave", "conversation-1", "zeta", Ct);
        }
        await using var reader = NewInstance();
        var reads = reader.Get<IGateReads>();

        var here = await reads.ReadProjectsAsync(UserRef.Local("dave"), ["local:fay"], "conversation-1", Ct);
        var elsewhere = await reads.ReadProjectsAsync(UserRef.Local("erin"), [], "conversation-1", Ct);
        var noConversation = await reads.ReadProjectsAsync(UserRef.Local("dave"), [], null, Ct);

        Assert.Equal("zeta", here.Chosen);
        Assert.Equal(["local:bob"], here.People.Select(p => p.User.Key));
        Assert.Equal(["Alpha Voice", "Zeta Voice"], here.Projects.Select(p => p.Name));
        Assert.Null(elsewhere.Chosen);
        Assert.Equal(["local:bob", "local:erin"], elsewhere.People.Select(p => p.User.Key).Order(StringComparer.Ordinal));
        Assert.Equal((null, 2), (noConversation.Chosen, noConversation.Projects.Count));
    }

    [SkippableFact]
    public async Task The_card_page_reads_through_the_number_order_index_with_its_approvals()
    {
        var plan = await PlanAsync(SqlNumberRepository.CardPageSql(SqlDialect.For(Options.Provider), 2),
            new { projectId = "alpha", size = 10, environment0 = "Sandbox", offset0 = 0, environment1 = "Live", offset1 = 10 });

        Assert.Contains("ix_numbers_environment_e164", plan);
        Assert.DoesNotContain("TEMP B-TREE", plan);
    }
}
