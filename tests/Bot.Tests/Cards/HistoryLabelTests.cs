using System.Reflection;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Domain.Access;
using NumbersBot.Domain.Actions;
using NumbersBot.Domain.Audit;
using NumbersBot.Domain.Numbers;
using NumbersBot.Domain.Telephony;

namespace NumbersBot.Bot.Tests.Cards;

/// <summary>History says what happened in words: no audit action, telephony steps included, reaches a card as its stored name.</summary>
public class HistoryLabelTests
{
    public static TheoryData<string> Actions()
    {
        var data = new TheoryData<string>();
        foreach (var type in new[] { typeof(AuditActions), typeof(TelephonyAudit) })
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)))
            data.Add((string)field.GetRawConstantValue()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public void Every_audit_action_has_a_label_a_person_reads(string action)
    {
        var entry = new AuditEntry(Guid.NewGuid(), DateTimeOffset.UnixEpoch, "local:alice", "Alice", NumbersBot.Bot.Channels.Local.LocalReplyChannel.Name, action, "demo", "+12125550183", null, null, null);

        var shown = Assert.Single(HistoryView.From(new NumberHistory(PhoneNumber.ParseE164("+12125550183"), [entry]), ViewerTime.Utc).Entries);

        Assert.NotEqual(action, shown.Action);
        Assert.DoesNotContain("_", shown.Action, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("teams:tenant-1:oid-1", "Teams")]
    [InlineData("slack:T1:U1", "Slack")]
    [InlineData("local:alice", "Local")]
    public void History_names_the_channel_each_change_came_through(string actorKey, string shown)
    {
        var entry = new AuditEntry(Guid.NewGuid(), DateTimeOffset.UnixEpoch, actorKey, "Alice", UserRef.ParseKey(actorKey).Channel,
            AuditActions.NumberAdded, "demo", "+12125550183", null, null, null);

        Assert.Equal(shown, Assert.Single(HistoryView.From(new NumberHistory(PhoneNumber.ParseE164("+12125550183"), [entry]), ViewerTime.Utc).Entries).Channel);
    }
}
