using Microsoft.Extensions.Diagnostics.HealthChecks;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Hosting;

/// <summary>Healthy when the database answers a real query; what the bot does is worthless without it.</summary>
public sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IProjectRepository>().ListAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", failure);
        }
    }
}
