namespace NumbersBot.Bot.Conversation;

/// <summary>
/// Every verb a button or a typed command can carry. The card templates use the same strings,
/// so a verb renamed here must be renamed there (a test checks every template's verbs are known).
/// </summary>
public static class Verbs
{
    public const string ShowNumbers = "numbers.show";
    public const string AddNumberForm = "number.add.form";
    public const string AddNumber = "number.add";
    public const string ConnectNumber = "number.connect";
    public const string ReassignForm = "number.reassign.form";
    public const string Reassign = "number.reassign";
    public const string Delete = "number.delete";
    public const string DeleteConfirmed = "number.delete.confirm";
    public const string ShowApprovals = "approvals.show";
    public const string Approve = "approval.approve";
    public const string Deny = "approval.deny";
    public const string ShowApproval = "approval.show";
    public const string Withdraw = "approval.withdraw";
    public const string RetryRelease = "approval.retry-release";
    public const string ShowHistory = "history.show";
    public const string Help = "help";

    /// <summary>Verbs that call the telephony provider and may take seconds: answered at once, finished in the background.</summary>
    public static bool IsSlow(string verb) => verb is AddNumber or ConnectNumber;

    /// <summary>
    /// Verbs that change something, so a redelivered request must not run twice. The others only read (or only
    /// ask for confirmation) and may run as often as a channel asks; an unknown verb counts as changing.
    /// </summary>
    public static bool ChangesState(string verb) =>
        verb is not (ShowNumbers or ShowApprovals or ShowApproval or ShowHistory or Help or AddNumberForm or ReassignForm or Delete);

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ShowNumbers, AddNumberForm, AddNumber, ConnectNumber, ReassignForm, Reassign, Delete, DeleteConfirmed,
        ShowApprovals, Approve, Deny, ShowApproval, Withdraw, RetryRelease, ShowHistory, Help,
    };
}

/// <summary>The keys of button data and form inputs, shared with the templates.</summary>
public static class Keys
{
    public const string Project = "project";
    public const string Environment = "environment";
    public const string Page = "page";
    public const string Number = "number";
    public const string NumberId = "numberId";
    public const string Version = "version";
    public const string Country = "country";
    public const string AreaCode = "areaCode";
    public const string Variant = "variant";
    public const string RequestKey = "requestKey";
    public const string ApprovalId = "approvalId";
    public const string Reason = "reason";
    /// <summary>Where an approval's button was: "list" for the approvals list, which then stays a list.</summary>
    public const string Origin = "origin";
}
