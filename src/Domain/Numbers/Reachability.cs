namespace NumbersBot.Domain.Numbers;

/// <summary>Whether calls to a listed number reach its environment's agent, as last confirmed at the provider.</summary>
public enum Reachability
{
    /// <summary>Confirmed at the provider: on the environment's trunk, which points at its SIP addresses.</summary>
    Routed,

    /// <summary>A routing step is recorded and not yet confirmed.</summary>
    Routing,

    /// <summary>The last routing attempt failed; the number's problem says what the provider said.</summary>
    Unreachable,

    /// <summary>A release or detach is recorded and not yet confirmed; calls may already reach nothing.</summary>
    Removing,
}
