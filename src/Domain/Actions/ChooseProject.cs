using NumbersBot.Domain.Access;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Domain.Actions;

/// <summary>
/// Which project `numbers` means here: the one named, else the one this person chose in this conversation, else the
/// only project; with several and no choice yet, the person is asked (and the answer is remembered).
/// </summary>
public sealed record ChooseProject(Actor Actor, string ConversationKey, string? Project);

/// <summary>
/// Either the project meant, or the projects to choose from; with none set up yet, neither, and <see cref="NoneYet"/>
/// says who creates one (a new team's first `numbers` is a welcome, not an error).
/// </summary>
/// <param name="Viewer">The asker's access, as the choice read it (a list to choose from shows admins more).</param>
public sealed record ProjectChoice(Project? Chosen, IReadOnlyList<Project> Choices, UserAccess Viewer, string? NoneYet = null);

public sealed class ChooseProjectHandler(ProjectGate gate, IProjectChoices choices)
{
    public async Task<ProjectChoice> HandleAsync(ChooseProject command, CancellationToken ct)
    {
        var person = command.Actor.User.Key;
        if (!string.IsNullOrWhiteSpace(command.Project))
        {
            var asker = await gate.AccessAsync(command.Actor, ct);
            MayChoose(asker);
            var named = await gate.ResolveAsync(command.Project, ct);
            named.EnsureActive();
            await choices.RememberAsync(person, command.ConversationKey, named.Id, ct);
            return new ProjectChoice(named, [], asker);
        }

        var (viewer, all, remembered) = await gate.ProjectsAsync(command.Actor, command.ConversationKey, ct);
        MayChoose(viewer);
        var active = all.Where(p => !p.Archived).ToList();
        if (remembered is not null && active.FirstOrDefault(p => p.Id == remembered) is { } earlier)
            return new ProjectChoice(earlier, [], viewer);
        return active.Count switch
        {
            0 => new ProjectChoice(null, [], viewer, viewer.IsAdmin
                ? "No projects are set up yet. Create one with `project new <name>`."
                : "No projects are set up yet. A NumbersBot admin creates them."),
            1 => new ProjectChoice(active[0], [], viewer),
            _ => new ProjectChoice(null, active, viewer),
        };
    }

    private static void MayChoose(UserAccess viewer)
    {
        if (!viewer.Can(AccessArea.Variants, AccessLevel.Read)) viewer.Require(AccessArea.Numbers, AccessLevel.Read);
    }

    /// <summary>
    /// A project picked from the list, once the person's access has opened it (showing its numbers did): remembered for
    /// them in this conversation, unless it is archived.
    /// </summary>
    public Task RememberOpenedAsync(Actor actor, string conversationKey, Project opened, CancellationToken ct)
    {
        opened.EnsureActive();
        return choices.RememberAsync(actor.User.Key, conversationKey, opened.Id, ct);
    }
}
