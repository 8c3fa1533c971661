namespace NumbersBot.Domain;

/// <summary>Where new ids come from, so tests can predict them.</summary>
public interface IIdSource
{
    Guid NewId();
}

public sealed class RandomIds : IIdSource
{
    public Guid NewId() => Guid.CreateVersion7();
}
