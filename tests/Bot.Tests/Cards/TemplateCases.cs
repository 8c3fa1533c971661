namespace NumbersBot.Bot.Tests.Cards;

/// <summary>
/// One template expanded with one sample. Templates are found in the repository's cards/ (Adaptive Cards) and
/// cards/slack/ (Block Kit), and in this folder's Fixtures/ laid out the same way; samples/&lt;template&gt;.&lt;case&gt;.json
/// serves the Adaptive Card and the Slack template of that name. A variant without samples of its own
/// (slack/add-number.modal.json) is built from the same view model, so it uses its base's (add-number.*.json).
/// </summary>
public sealed record TemplateCase(string Id, string TemplatePath, string SamplePath, bool IsAdaptiveCard)
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string FixturesFolder { get; } = Path.Combine(RepositoryRoot, "tests", "Bot.Tests", "Cards", "Fixtures");

    public static IReadOnlyList<string> TemplateFolders { get; } = [Path.Combine(RepositoryRoot, "cards"), FixturesFolder];

    public static IReadOnlyList<TemplateCase> All { get; } = [.. TemplateFolders.SelectMany(Discover).OrderBy(c => c.Id, StringComparer.Ordinal)];

    public static TheoryData<string> Ids => [.. All.Select(c => c.Id)];

    public static TheoryData<string> AdaptiveCardIds => [.. All.Where(c => c.IsAdaptiveCard).Select(c => c.Id)];

    public static TemplateCase Get(string id) => All.Single(c => c.Id == id);

    /// <summary>Templates (relative paths) that no sample exercises.</summary>
    public static IEnumerable<string> TemplatesWithoutSamples() => TemplateFolders
        .SelectMany(folder => Templates(folder).Where(t => !SamplesOf(folder, NameOf(t)).Any()))
        .Select(Relative);

    /// <summary>Samples (relative paths) whose name starts with no template's name.</summary>
    public static IEnumerable<string> SamplesWithoutTemplates() => TemplateFolders
        .SelectMany(folder => Samples(folder).Where(s => TemplateNameOf(folder, s) is null))
        .Select(Relative);

    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/');

    private static IEnumerable<TemplateCase> Discover(string folder) =>
        from template in Templates(folder)
        from sample in SamplesOf(folder, NameOf(template))
        select new TemplateCase(
            $"{Relative(template)} with {Path.GetFileName(sample)}",
            template,
            sample,
            IsAdaptiveCard: Path.GetDirectoryName(template) == folder);

    private static IEnumerable<string> Templates(string folder) =>
        new[] { folder, Path.Combine(folder, "slack") }
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.json"));

    private static IEnumerable<string> Samples(string folder)
    {
        var samples = Path.Combine(folder, "samples");
        return Directory.Exists(samples) ? Directory.EnumerateFiles(samples, "*.json") : [];
    }

    private static IEnumerable<string> SamplesOf(string folder, string templateName)
    {
        var own = Samples(folder).Where(s => TemplateNameOf(folder, s) == templateName).ToList();
        var dot = templateName.LastIndexOf('.');
        return own.Count > 0 || dot < 0 ? own : SamplesOf(folder, templateName[..dot]);
    }

    /// <summary>The longest template name that the sample's name starts with, followed by a dot.</summary>
    private static string? TemplateNameOf(string folder, string sample)
    {
        var sampleName = NameOf(sample);
        return Templates(folder).Select(NameOf)
            .Where(name => sampleName.StartsWith(name + ".", StringComparison.Ordinal))
            .OrderByDescending(name => name.Length)
            .FirstOrDefault();
    }

    private static string NameOf(string path) => Path.GetFileNameWithoutExtension(path);

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "NumbersBot.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds NumbersBot.sln");
    }
}
