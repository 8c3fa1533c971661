namespace NumbersBot.Bot.Cards.Views;

/// <summary>Who looks at an approval card, which decides its buttons.</summary>
public enum ApprovalAudience
{
    /// <summary>Anyone who may not act on it: the status only.</summary>
    Onlooker,
    /// <summary>Someone who may decide it: Approve / Deny while pending, Retry release when the release failed.</summary>
    Approver,
    /// <summary>The person who asked: the status, and Withdraw while pending.</summary>
    Requester,
}
