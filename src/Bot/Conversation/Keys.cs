namespace NumbersBot.Bot.Conversation;

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
    /// <summary>Who asked and where, kept with a deferred request so its reply reads as the immediate one would.</summary>
    public const string DeferredTimeZone = "deferredTimeZone";
    public const string DeferredConversation = "deferredConversation";
    /// <summary>On the add-number form's switch: "true" shows the form that connects an existing Twilio number.</summary>
    public const string Connect = "connect";
    /// <summary>The numbers card's search box: digits of a number or a variant's name.</summary>
    public const string Filter = "filter";
    public const string ApprovalId = "approvalId";
    public const string Reason = "reason";
    /// <summary>Where an approval's button was: "list" for the approvals list, which then stays a list.</summary>
    public const string Origin = "origin";
    public const string Name = "name";
    public const string UsesVariants = "usesVariants";
    public const string Integration = "integration";
    public const string Main = "main";
    public const string Fallback = "fallback";
    public const string User = "user";
    public const string UserTyped = "userTyped";
    public const string UserName = "userName";
    public const string Role = "role";
    public const string NumbersAccess = "numbersAccess";
    public const string VariantsAccess = "variantsAccess";
    /// <summary>Which card a button was on, when the answer depends on it (publishing from the numbers card shows the numbers).</summary>
    public const string From = "from";
    /// <summary>What was typed after `promote`: [project] &lt;environment&gt;.</summary>
    public const string PromoteTarget = "promoteTarget";
}
