using System.Data.Common;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Persistence;

internal sealed class SqlProjectRepository(DbSession db) : IProjectRepository
{
    private static readonly string[] Columns =
    [
        "id", "name", "integration", "sandbox_sip_main", "sandbox_sip_fallback",
        "pre_release_sip_main", "pre_release_sip_fallback", "live_sip_main", "live_sip_fallback",
    ];

    private static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM projects";

    public async Task<IReadOnlyList<Project>> ListAsync(CancellationToken ct) =>
        (await db.QueryAsync<Row>($"{Select} ORDER BY name, id", null, ct)).Select(r => r.ToProject()).ToList();

    public async Task<Project?> FindAsync(string idOrName, CancellationToken ct)
    {
        var key = idOrName.Trim();
        var matches = await db.QueryAsync<Row>($"{Select} WHERE id = @key OR LOWER(name) = LOWER(@key) ORDER BY id", new { key }, ct);
        // An id is exact; a name only a fallback, since another project may carry that text as its name.
        return (matches.FirstOrDefault(r => r.Id == key) ?? matches.FirstOrDefault())?.ToProject();
    }

    public async Task AddAsync(Project project, CancellationToken ct)
    {
        var sandbox = project.SipFor(AgentEnvironment.Sandbox);
        var preRelease = project.SipFor(AgentEnvironment.PreRelease);
        var live = project.SipFor(AgentEnvironment.Live);
        try
        {
            await db.ExecuteAsync(SqlDialect.Insert("projects", Columns), new
            {
                project.Id,
                project.Name,
                Integration = project.Integration.ToString(),
                SandboxSipMain = sandbox.Main,
                SandboxSipFallback = sandbox.Fallback,
                PreReleaseSipMain = preRelease.Main,
                PreReleaseSipFallback = preRelease.Fallback,
                LiveSipMain = live.Main,
                LiveSipFallback = live.Fallback,
            }, ct);
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e))
        {
            throw DomainException.Conflict($"A project with the id '{project.Id}' already exists.");
        }
    }

    private sealed class Row
    {
        public required string Id { get; init; }
        public required string Name { get; init; }
        public required TelephonyIntegration Integration { get; init; }
        public required string SandboxSipMain { get; init; }
        public required string SandboxSipFallback { get; init; }
        public required string PreReleaseSipMain { get; init; }
        public required string PreReleaseSipFallback { get; init; }
        public required string LiveSipMain { get; init; }
        public required string LiveSipFallback { get; init; }

        public Project ToProject() => new(Id, Name, Integration, new Dictionary<AgentEnvironment, SipAddresses>
        {
            [AgentEnvironment.Sandbox] = new(SandboxSipMain, SandboxSipFallback),
            [AgentEnvironment.PreRelease] = new(PreReleaseSipMain, PreReleaseSipFallback),
            [AgentEnvironment.Live] = new(LiveSipMain, LiveSipFallback),
        });
    }
}
