namespace NumbersBot.Bot.Cards;

public static class CardServices
{
    public static IServiceCollection AddCards(this IServiceCollection services) =>
        services.AddSingleton(CardRenderer.FromOutputFolder());
}
