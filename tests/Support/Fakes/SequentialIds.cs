namespace NumbersBot.Tests.Support.Fakes;

/// <summary>00000001-0000-..., 00000002-0000-..., so a test can tell which id came when.</summary>
public sealed class SequentialIds : IIdSource
{
    private int _next;

    public Guid NewId() => new(++_next, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
