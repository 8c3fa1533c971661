namespace NumbersBot.Domain;

/// <summary>Where new ids come from, so tests can predict them.</summary>
public interface IIdSource
{
    Guid NewId();
}
