using Microsoft.Extensions.DependencyInjection;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Tests.Setup;

/// <summary>What must hold at the end of either Production set-up test.</summary>
internal static class ProductionSteps
{
    public static async Task AssertSetUpAsync(IServiceProvider services, string adminKey, string channel)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var project = Assert.Single(await provider.GetRequiredService<IProjectRepository>().ListAsync(default));
        Assert.Equal(("acme-voice", "Acme Voice", TelephonyIntegration.PlatformPool), (project.Id, project.Name, project.Integration));
        Assert.All(AgentEnvironments.All, e => Assert.StartsWith("sip:agent@", project.SipFor(e).Main));
        var number = Assert.Single(await provider.GetRequiredService<INumberRepository>().ListAsync(project.Id, default));
        Assert.Equal(AgentEnvironment.Sandbox, number.Environment);
        Assert.NotNull(number.VariantId);

        var trail = await provider.GetRequiredService<IAuditTrail>().ForProjectAsync(project.Id, 50, default);
        var admin = trail.Where(e => e.ActorKey == adminKey).ToList();
        Assert.Equal(channel, Assert.Single(admin, e => e.Action == AuditActions.ProjectCreated).Channel);
        Assert.Equal(3, admin.Count(e => e.Action == AuditActions.SipChanged && e.Before!.EndsWith(": not set") && e.After!.Contains("sip:agent@")));
        Assert.Single(admin, e => e.Action == AuditActions.IntegrationChosen && e.After == "the platform's number pool");
        Assert.Single(trail, e => e.Action == AuditActions.NumberAdded && e.ActorKey != adminKey);
        Assert.Single(admin, e => e.Action == AuditActions.ProjectPublished);
        var granted = Assert.Single(await provider.GetRequiredService<IAuditTrail>().OutsideProjectsAsync(10, default), e => e.Action == AuditActions.AccessGranted);
        Assert.Equal((adminKey, channel), (granted.ActorKey, granted.Channel));
    }
}
