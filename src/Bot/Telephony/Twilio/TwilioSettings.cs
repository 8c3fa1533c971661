using System.Text.RegularExpressions;
using NumbersBot.Bot.Hosting;
using NumbersBot.Domain.Environments;

namespace NumbersBot.Bot.Telephony.Twilio;

/// <summary>A Twilio account and the credentials to sign in to it; <see cref="ToString"/> never shows the secret.</summary>
public sealed class TwilioAccount
{
    internal TwilioAccount(string label, string configurationPrefix, string accountSid, string username, string password,
        IReadOnlyDictionary<string, string> trunks)
    {
        Label = label;
        ConfigurationPrefix = configurationPrefix;
        AccountSid = accountSid;
        Username = username;
        Password = password;
        Trunks = trunks;
    }

    /// <summary>How messages name it: "the platform's Twilio account", "project demo's Twilio account".</summary>
    public string Label { get; }

    /// <summary>Where its settings live, so a message can say which key to fix.</summary>
    public string ConfigurationPrefix { get; }

    public string AccountSid { get; }
    internal string Username { get; }
    internal string Password { get; }

    /// <summary>Trunks named in configuration, keyed by <see cref="TrunkKey"/>.</summary>
    internal IReadOnlyDictionary<string, string> Trunks { get; }

    internal static string TrunkKey(string projectId, AgentEnvironment environment) =>
        $"{projectId.ToLowerInvariant()}/{environment}";

    public override string ToString() => $"{Label} ({AccountSid})";
}

/// <summary>What Twilio requires before it sells a UK number: an approved regulatory bundle and an address.</summary>
public sealed record GbRegulatory(string BundleSid, string AddressSid);

/// <summary>The Twilio section of configuration, read and checked once at start-up.</summary>
public sealed class TwilioSettings
{
    private readonly Dictionary<string, TwilioAccount> _customers;

    private TwilioSettings(TwilioAccount pool, Dictionary<string, TwilioAccount> customers, GbRegulatory? gb, Uri? apiBaseUrl,
        TimeSpan timeout, TimeSpan retryDelay, TimeSpan reconcileAfter, TimeSpan reconcileEvery, string? testCaller)
    {
        TestCaller = testCaller;
        Pool = pool;
        _customers = customers;
        Gb = gb;
        ApiBaseUrl = apiBaseUrl;
        Timeout = timeout;
        RetryDelay = retryDelay;
        ReconcileAfter = reconcileAfter;
        ReconcileEvery = reconcileEvery;
    }

    /// <summary>The platform's own account: the pool numbers are bought from.</summary>
    public TwilioAccount Pool { get; }

    /// <summary>Null when UK numbers cannot be bought: a purchase is then refused before Twilio is called.</summary>
    public GbRegulatory? Gb { get; }

    /// <summary>The pool number test calls come from (E.164); null when none is configured, and test calls are refused.</summary>
    public string? TestCaller { get; }

    /// <summary>Null means Twilio's own hosts.</summary>
    public Uri? ApiBaseUrl { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The first pause after Twilio answers 20429; it doubles with each retry.</summary>
    public TimeSpan RetryDelay { get; }

    public int Retries => 3;

    /// <summary>How old a pending purchase must be before the reconciler settles it, so it never races a purchase still in flight.</summary>
    public TimeSpan ReconcileAfter { get; }

    public TimeSpan ReconcileEvery { get; }

    /// <summary>The customer's own account for a project, or null when none is configured.</summary>
    public TwilioAccount? CustomerAccount(string projectId) => _customers.GetValueOrDefault(projectId);

    public static TwilioSettings From(IConfiguration configuration)
    {
        var twilio = configuration.GetSection("Twilio");
        var pool = Account(twilio, "Twilio", "the platform's Twilio account", Trunks(twilio.GetSection("Trunks"), perProject: true, "Twilio:Trunks"));

        var customers = new Dictionary<string, TwilioAccount>(StringComparer.OrdinalIgnoreCase);
        foreach (var customer in twilio.GetSection("Customers").GetChildren())
        {
            var prefix = $"Twilio:Customers:{customer.Key}";
            var trunks = Trunks(customer.GetSection("Trunks"), perProject: false, $"{prefix}:Trunks", customer.Key);
            customers[customer.Key] = Account(customer, prefix, $"project {customer.Key}'s Twilio account", trunks);
        }

        var bundle = Optional(twilio, "Regulatory:GB:BundleSid", "BU");
        var address = Optional(twilio, "Regulatory:GB:AddressSid", "AD");
        if ((bundle is null) != (address is null))
            throw new ConfigurationProblem(
                "Twilio:Regulatory:GB needs both BundleSid and AddressSid (or neither, and UK numbers cannot be bought).");

        var timeout = TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Twilio:TimeoutSeconds", 15));
        var reconcileAfter = TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Twilio:Reconcile:AfterSeconds", 300));
        if (reconcileAfter <= timeout)
            throw new ConfigurationProblem(
                "Twilio:Reconcile:AfterSeconds must be longer than Twilio:TimeoutSeconds, or a purchase still in flight could be settled as failed.");

        return new TwilioSettings(pool, customers, bundle is null ? null : new GbRegulatory(bundle, address!), BaseUrl(twilio["ApiBaseUrl"]),
            timeout,
            TimeSpan.FromMilliseconds(BotSettings.PositiveInt(configuration, "Twilio:RetryDelayMilliseconds", 500)),
            reconcileAfter,
            TimeSpan.FromSeconds(BotSettings.PositiveInt(configuration, "Twilio:Reconcile:EverySeconds", 60)),
            ParseTestCaller(twilio["TestCaller"]));
    }

    private static string? ParseTestCaller(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return Domain.Numbers.PhoneNumber.ParseE164(text.Trim()).E164;
        }
        catch (Domain.DomainException)
        {
            throw new ConfigurationProblem($"Twilio:TestCaller is '{text.Trim()}'; it must be one of the platform's pool numbers in E.164, such as +14155550123.");
        }
    }

    private static TwilioAccount Account(IConfigurationSection section, string prefix, string label, IReadOnlyDictionary<string, string> trunks)
    {
        var accountSid = Optional(section, "AccountSid", "AC", prefix)
            ?? throw new ConfigurationProblem($"{prefix}:AccountSid is not set; Telephony:Provider=Twilio needs it (it starts with AC).");
        var authToken = section["AuthToken"];
        var keySid = Optional(section, "ApiKeySid", "SK", prefix);
        var keySecret = section["ApiKeySecret"];
        if (keySid is not null)
        {
            return string.IsNullOrWhiteSpace(keySecret)
                ? throw new ConfigurationProblem($"{prefix}:ApiKeySid is set but {prefix}:ApiKeySecret is not.")
                : new TwilioAccount(label, prefix, accountSid, keySid, keySecret.Trim(), trunks);
        }
        return string.IsNullOrWhiteSpace(authToken)
            ? throw new ConfigurationProblem($"{prefix} needs AuthToken, or ApiKeySid and ApiKeySecret, to sign in to Twilio.")
            : new TwilioAccount(label, prefix, accountSid, accountSid, authToken.Trim(), trunks);
    }

    /// <summary>Twilio:Trunks:&lt;project&gt;:&lt;environment&gt; for the pool, &lt;customer&gt;:Trunks:&lt;environment&gt; for a customer.</summary>
    private static Dictionary<string, string> Trunks(IConfigurationSection section, bool perProject, string prefix, string? projectId = null)
    {
        var trunks = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = perProject
            ? section.GetChildren().SelectMany(p => p.GetChildren().Select(e => (Project: p.Key, Entry: e)))
            : section.GetChildren().Select(e => (Project: projectId!, Entry: e));
        foreach (var (project, entry) in entries)
        {
            var key = perProject ? $"{prefix}:{project}:{entry.Key}" : $"{prefix}:{entry.Key}";
            if (!EnumNames.TryParse<AgentEnvironment>(entry.Key, out var environment))
                throw new ConfigurationProblem($"{key}: '{entry.Key}' is not an environment; use Sandbox, PreRelease or Live.");
            var sid = Sid(entry.Value, "TK", key);
            if (sid is not null) trunks[TwilioAccount.TrunkKey(project, environment)] = sid;
        }
        return trunks;
    }

    private static string? Optional(IConfiguration section, string key, string sidPrefix, string? prefix = null) =>
        Sid(section[key], sidPrefix, $"{prefix ?? "Twilio"}:{key}");

    private static readonly Regex SidShape = new("^[A-Z]{2}[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant);

    private static string? Sid(string? text, string sidPrefix, string key)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var sid = text.Trim();
        return sid.StartsWith(sidPrefix, StringComparison.Ordinal) && SidShape.IsMatch(sid)
            ? sid
            : throw new ConfigurationProblem($"{key} is '{sid}'; it must be a Twilio SID: {sidPrefix} followed by 32 hexadecimal digits.");
    }

    private static Uri? BaseUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.AbsolutePath == "/"
            ? url
            : throw new ConfigurationProblem($"Twilio:ApiBaseUrl is '{text}'; it must be an http(s) address with no path, such as http://127.0.0.1:5080.");
    }
}
