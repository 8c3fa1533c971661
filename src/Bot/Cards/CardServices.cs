namespace NumbersBot.Bot.Cards;

public static class CardServices
{
    /// <summary>Every template is compiled here, once: a broken one stops start-up instead of failing a person's request.</summary>
    public static IServiceCollection AddCards(this IServiceCollection services) =>
        services.AddSingleton(CardRenderer.FromOutputFolder().CompileAll());
}
