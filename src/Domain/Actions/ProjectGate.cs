using NumbersBot.Domain.Access;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;
using NumbersBot.Domain.Variants;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// What an action starts with, read together: the asker's stored access with every stored or configured admin's (so a
/// refusal can name them), the project meant (by id, or name ignoring case; an id wins), and its variant catalog.
/// A database answers in one round trip.
/// </summary>
public interface IGateReads
{
    /// <param name="needed">
    /// What the asker means to do: a look (<see cref="AccessLevel.Read"/>) may be answered from what the store kept while
    /// nothing changed; a change is always read afresh.
    /// </param>
    Task<GateRead> ReadAsync(UserRef asker, IReadOnlyCollection<string> configuredAdmins, string projectRef, AccessLevel needed, CancellationToken ct);

    /// <summary>As <see cref="ReadAsync"/> for the project of a number, read with the number itself (null when there is no such number).</summary>
    Task<(GateRead Read, ProjectNumber? Number)> ReadForNumberAsync(
        UserRef asker, IReadOnlyCollection<string> configuredAdmins, Guid numberId, CancellationToken ct);

    /// <summary>
    /// What a list of projects starts with: the asker and the admins, every project, and (given a conversation) the project
    /// this person chose in it, as `numbers` without a project needs.
    /// </summary>
    Task<ChoiceRead> ReadProjectsAsync(UserRef asker, IReadOnlyCollection<string> configuredAdmins, string? conversationKey, CancellationToken ct);
}

/// <param name="Catalog">The project's catalog (empty when none is stored); null when there is no such project.</param>
public sealed record GateRead(IReadOnlyList<UserAccess> People, Project? Project, VariantCatalog? Catalog);

/// <param name="Chosen">The id of the project remembered for this person in the conversation asked about, if any.</param>
public sealed record ChoiceRead(IReadOnlyList<UserAccess> People, IReadOnlyList<Project> Projects, string? Chosen);

/// <summary>The checks every action starts with: which project, may this person, is telephony set up.</summary>
/// <param name="choices">Where a store without <paramref name="reads"/> finds the project chosen in a conversation (hosts that never choose need none).</param>
public sealed class ProjectGate(
    IProjectRepository projects, INumberRepository numbers, AccessControl access, IGateReads? reads = null, IProjectChoices? choices = null)
{
    public Task<UserAccess> AccessAsync(Actor actor, CancellationToken ct) => access.ForAsync(actor, ct);

    /// <summary>
    /// The asker's access and every project (archived ones too), with the project they chose in <paramref name="conversationKey"/>
    /// when one is given; a database reads them together.
    /// </summary>
    public async Task<(UserAccess Viewer, IReadOnlyList<Project> Projects, string? Chosen)> ProjectsAsync(
        Actor actor, string? conversationKey, CancellationToken ct)
    {
        if (reads is null)
            return (await access.ForAsync(actor, ct), await projects.ListAsync(ct),
                conversationKey is null || choices is null ? null : await choices.FindAsync(actor.User.Key, conversationKey, ct));
        var read = await reads.ReadProjectsAsync(actor.User, access.ConfiguredAdmins, conversationKey, ct);
        return (await access.FromAsync(actor, read.People, ct), read.Projects, read.Chosen);
    }

    /// <summary>An admin's way into a project's settings: refused to anyone else, then the project named (or the only one).</summary>
    public async Task<(Project Project, UserAccess Admin)> OpenAsAdminAsync(Actor actor, string? projectRef, string toDoWhat, CancellationToken ct)
    {
        if (reads is null || string.IsNullOrWhiteSpace(projectRef))
        {
            var admin = await access.ForAsync(actor, ct);
            admin.RequireAdmin(toDoWhat);
            return (await ResolveAsync(projectRef, ct), admin);
        }
        var key = projectRef.Trim();
        var read = await reads.ReadAsync(actor.User, access.ConfiguredAdmins, key, AccessLevel.Edit, ct);
        var asker = await access.FromAsync(actor, read.People, ct);
        asker.RequireAdmin(toDoWhat);
        return (read.Project ?? throw await NoSuchProjectAsync(key, ct), asker);
    }

    /// <summary>
    /// An action on one number starts here: the number (gone: refused), then as <see cref="OpenWithCatalogAsync"/>
    /// for its project; a database reads the number with the gate in one round trip.
    /// </summary>
    public async Task<(ProjectNumber Number, Project Project, UserAccess Access, VariantCatalog? Catalog)> OpenNumberAsync(
        Actor actor, Guid numberId, AccessArea area, AccessLevel needed, CancellationToken ct)
    {
        if (reads is null)
        {
            var found = await numbers.FindAsync(numberId, ct) ?? throw ProjectNumber.Gone();
            var (project, user, catalog) = await OpenWithCatalogAsync(actor, found.ProjectId, area, needed, ct);
            return (found, project, user, catalog);
        }
        var (read, number) = await reads.ReadForNumberAsync(actor.User, access.ConfiguredAdmins, numberId, ct);
        if (number is null) throw ProjectNumber.Gone();
        var asker = await access.FromAsync(actor, read.People, ct);
        asker.Require(area, needed);
        var its = read.Project ?? throw await NoSuchProjectAsync(number.ProjectId, ct);
        return (number, Checked(its, area, needed), asker, read.Catalog);
    }

    public async Task<(Project Project, UserAccess Access)> OpenAsync(
        Actor actor, string? projectRef, AccessArea area, AccessLevel needed, CancellationToken ct)
    {
        var (project, user, _) = await OpenWithCatalogAsync(actor, projectRef, area, needed, ct);
        return (project, user);
    }

    /// <summary>As above, with the project's variant catalog when the store read it in the same round trip (else null).</summary>
    public async Task<(Project Project, UserAccess Access, VariantCatalog? Catalog)> OpenWithCatalogAsync(
        Actor actor, string? projectRef, AccessArea area, AccessLevel needed, CancellationToken ct)
    {
        if (reads is null || string.IsNullOrWhiteSpace(projectRef))
        {
            var user = await access.ForAsync(actor, ct);
            user.Require(area, needed);
            return (Checked(await ResolveAsync(projectRef, ct), area, needed), user, null);
        }
        var key = projectRef.Trim();
        var read = await reads.ReadAsync(actor.User, access.ConfiguredAdmins, key, needed, ct);
        var asker = await access.FromAsync(actor, read.People, ct);
        asker.Require(area, needed);
        var project = read.Project ?? throw await NoSuchProjectAsync(key, ct);
        return (Checked(project, area, needed), asker, read.Catalog);
    }

    /// <summary>With no project named, the only active project is meant; with several, the person must say which.</summary>
    public async Task<Project> ResolveAsync(string? projectRef, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(projectRef))
        {
            return await projects.FindAsync(projectRef.Trim(), ct) ?? throw await NoSuchProjectAsync(projectRef.Trim(), ct);
        }
        var all = (await projects.ListAsync(ct)).Where(p => !p.Archived).ToList();
        return all.Count switch
        {
            1 => all[0],
            0 => throw DomainException.NotFound("No projects are set up yet."),
            _ => throw DomainException.Invalid($"Which project? {await KnownProjectsAsync(ct)}"),
        };
    }

    private static Project Checked(Project project, AccessArea area, AccessLevel needed)
    {
        if (needed == AccessLevel.Edit) project.EnsureActive();
        if (area == AccessArea.Numbers) project.EnsureIntegration();
        return project;
    }

    /// <summary>What `projects` and `help` are for, said where a word was taken for a project: it may have been meant as a command.</summary>
    public const string WhereToLook = "`projects` lists the projects and `help` the commands.";

    private async Task<DomainException> NoSuchProjectAsync(string named, CancellationToken ct) =>
        DomainException.NotFound($"There is no project '{named}'. {await KnownProjectsAsync(ct)} {WhereToLook}");

    private async Task<string> KnownProjectsAsync(CancellationToken ct)
    {
        var all = (await projects.ListAsync(ct)).Where(p => !p.Archived).ToList();
        return all.Count == 0 ? "No projects are set up yet." : $"Projects: {string.Join(", ", all.Select(p => p.Name))}.";
    }
}
