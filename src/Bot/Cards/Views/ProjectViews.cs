using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Cards.Views;

public sealed record ProjectItemView(string Id, string Name, string Integration, bool Archived);

/// <summary>The projects a person may see; <paramref name="Choosing"/>: `numbers` asked which one is meant.</summary>
public sealed record ProjectsView(bool Choosing, IReadOnlyList<ProjectItemView> Projects, int Count, bool CanAdminister, Notice? Notice)
{
    public static ProjectsView From(IReadOnlyList<Project> projects, bool canAdminister, bool choosing = false, Notice? notice = null) =>
        new(choosing, projects.Select(p => new ProjectItemView(p.Id, p.Name, IntegrationName(p.Integration), p.Archived)).ToList(),
            projects.Count, canAdminister, notice);

    public static string IntegrationName(TelephonyIntegration integration) => integration switch
    {
        TelephonyIntegration.PlatformPool => "Platform number pool",
        TelephonyIntegration.CustomerTwilio => "Customer's Twilio account",
        _ => "No telephony integration",
    };

    public static IReadOnlyList<Choice> Integrations { get; } =
        Enum.GetValues<TelephonyIntegration>().Select(i => new Choice(i.ToString(), IntegrationName(i))).ToList();
}

public sealed record ProjectSipView(string Key, string Name, bool IsLive, bool IsSet, string Main, string Fallback);

/// <summary>A project's settings; admins get the buttons to change them.</summary>
public sealed record ProjectView(
    ProjectRef Project, bool UsesVariants, bool Archived, string Integration, IReadOnlyList<ProjectSipView> Environments,
    bool CanAdminister, Notice? Notice)
{
    public static ProjectView From(Project project, bool isAdmin, Notice? notice = null) => new(
        new ProjectRef(project.Id, project.Name), project.UsesVariants, project.Archived, ProjectsView.IntegrationName(project.Integration),
        AgentEnvironments.All.Select(e => project.SipOrNull(e) is { } sip
            ? new ProjectSipView(e.ToString(), e.DisplayName(), e == AgentEnvironment.Live, true, sip.Main, sip.Fallback)
            : new ProjectSipView(e.ToString(), e.DisplayName(), e == AgentEnvironment.Live, false, "not set", "not set")).ToList(),
        isAdmin && !project.Archived, notice);
}

/// <summary>
/// Creating a project (no <paramref name="Project"/>: name and whether it uses variants) or changing one (name and
/// telephony integration). Customer Twilio accounts are configured by an operator, never typed here.
/// </summary>
public sealed record ProjectFormView(
    ProjectRef? Project, bool IsNew, string Name, bool UsesVariants, IReadOnlyList<Choice> Integrations, string Integration,
    string IntegrationName, string? Error)
{
    public static ProjectFormView New(string name = "", bool usesVariants = true, string? error = null) =>
        new(null, true, name, usesVariants, ProjectsView.Integrations, TelephonyIntegration.None.ToString(),
            ProjectsView.IntegrationName(TelephonyIntegration.None), error);

    public static ProjectFormView Edit(Project project, string? error = null) =>
        new(new ProjectRef(project.Id, project.Name), false, project.Name, project.UsesVariants, ProjectsView.Integrations,
            project.Integration.ToString(), ProjectsView.IntegrationName(project.Integration), error);
}

/// <summary>An environment's main and fallback SIP addresses; saving re-routes the environment's numbers.</summary>
public sealed record SipFormView(ProjectRef Project, EnvironmentRef Environment, string Main, string Fallback, string? Error)
{
    public static SipFormView From(Project project, AgentEnvironment environment, string? error = null, string? main = null, string? fallback = null)
    {
        var sip = project.SipOrNull(environment);
        return new(new ProjectRef(project.Id, project.Name), EnvironmentRef.Of(environment),
            main ?? sip?.Main ?? "", fallback ?? sip?.Fallback ?? "", error);
    }
}
