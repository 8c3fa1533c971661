namespace NumbersBot.Domain;

public sealed class RandomIds : IIdSource
{
    public Guid NewId() => Guid.CreateVersion7();
}
