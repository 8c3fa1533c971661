namespace NumbersBot.Domain.Tests;

public static class Refusals
{
    /// <summary>Awaits an action that must be refused, checks why, and hands back the refusal to read.</summary>
    public static async Task<DomainException> Refused(this Task action, RefusalKind kind)
    {
        var refusal = await Assert.ThrowsAsync<DomainException>(() => action);
        Assert.Equal(kind, refusal.Kind);
        return refusal;
    }

    public static DomainException Refused(Action action, RefusalKind kind)
    {
        var refusal = Assert.Throws<DomainException>(action);
        Assert.Equal(kind, refusal.Kind);
        return refusal;
    }
}
