using System.Data.Common;
using NumbersBot.Domain;
using NumbersBot.Domain.Environments;
using NumbersBot.Domain.Projects;

namespace NumbersBot.Bot.Persistence;

/// <summary>One row per project; an environment's SIP addresses are '' until set.</summary>
internal sealed class SqlProjectRepository(DbSession db) : IProjectRepository
{
    private static readonly string[] Columns =
    [
        "id", "name", "integration", "sandbox_sip_main", "sandbox_sip_fallback",
        "pre_release_sip_main", "pre_release_sip_fallback", "live_sip_main", "live_sip_fallback",
        "uses_variants", "archived", "version",
    ];

    internal static readonly string Select = $"SELECT {string.Join(", ", Columns)} FROM projects";

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
        db.NoteGateWrite();
        try
        {
            await db.ExecuteAsync(SqlDialect.Insert("projects", Columns), Parameters(project, project.Version), ct);
        }
        catch (DbException e) when (db.Dialect.IsUniqueViolation(e))
        {
            throw DomainException.Conflict($"A project with the id '{project.Id}' already exists.");
        }
    }

    public async Task SaveAsync(Project project, CancellationToken ct)
    {
        var assignments = string.Join(", ", Columns.Where(c => c != "id").Select(c => $"{c} = {SqlDialect.Parameter(c)}"));
        db.NoteGateWrite();
        var updated = await db.ExecuteAsync(
            $"UPDATE projects SET {assignments} WHERE id = @Id AND version = @Loaded",
            new Dictionary<string, object?>(Parameters(project, project.Version + 1)) { ["Loaded"] = project.Version }, ct);
        if (updated == 0) throw DomainException.Changed($"Project '{project.Name}'");
    }

    // Not a gate write: it changes nothing, so a gate read remembered for the turn stays good.
    // An UPDATE, not a SELECT: it keeps the row's write lock until the work ends, so a concurrent save waits and then checks the version again.
    public async Task<bool> HoldAsync(Project project, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE projects SET version = version WHERE id = @Id AND version = @Version", new { project.Id, project.Version }, ct) == 1;

    private static Dictionary<string, object?> Parameters(Project project, int version)
    {
        string Main(AgentEnvironment e) => project.SipOrNull(e)?.Main ?? "";
        string Fallback(AgentEnvironment e) => project.SipOrNull(e)?.Fallback ?? "";
        return new Dictionary<string, object?>
        {
            ["Id"] = project.Id,
            ["Name"] = project.Name,
            ["Integration"] = project.Integration.ToString(),
            ["SandboxSipMain"] = Main(AgentEnvironment.Sandbox),
            ["SandboxSipFallback"] = Fallback(AgentEnvironment.Sandbox),
            ["PreReleaseSipMain"] = Main(AgentEnvironment.PreRelease),
            ["PreReleaseSipFallback"] = Fallback(AgentEnvironment.PreRelease),
            ["LiveSipMain"] = Main(AgentEnvironment.Live),
            ["LiveSipFallback"] = Fallback(AgentEnvironment.Live),
            ["UsesVariants"] = project.UsesVariants,
            ["Archived"] = project.Archived,
            ["Version"] = version,
        };
    }

    internal sealed class Row
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
        public required bool UsesVariants { get; init; }
        public required bool Archived { get; init; }
        public required int Version { get; init; }

        public Project ToProject()
        {
            var sip = new Dictionary<AgentEnvironment, SipAddresses>();
            void Add(AgentEnvironment environment, string main, string fallback)
            {
                if (main.Length > 0) sip[environment] = new SipAddresses(main, fallback);
            }
            Add(AgentEnvironment.Sandbox, SandboxSipMain, SandboxSipFallback);
            Add(AgentEnvironment.PreRelease, PreReleaseSipMain, PreReleaseSipFallback);
            Add(AgentEnvironment.Live, LiveSipMain, LiveSipFallback);
            return new Project(Id, Name, Integration, sip, UsesVariants, Archived, Version);
        }
    }
}
