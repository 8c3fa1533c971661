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
    public const string ApprovalId = "approvalId";
    public const string Reason = "reason";
    /// <summary>Where an approval's button was: "list" for the approvals list, which then stays a list.</summary>
    public const string Origin = "origin";
    public const string Name = "name";
    public const string UsesVariants = "usesVariants";
    public const string Integration = "integration";
    public const string Main = "main";
    public const string Fallback = "fallback";
}
