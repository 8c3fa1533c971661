namespace NumbersBot.Tests.Support.Fakes;

internal static class Completed
{
    /// <summary>Runs a synchronous write the way an async repository reports it: a refusal comes back in the task, never thrown early.</summary>
    public static Task After(Action write)
    {
        try
        {
            write();
            return Task.CompletedTask;
        }
        catch (Exception failure)
        {
            return Task.FromException(failure);
        }
    }
}
