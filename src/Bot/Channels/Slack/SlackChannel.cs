using NumbersBot.Bot.Conversation;
using Quartz;

namespace NumbersBot.Bot.Channels.Slack;

/// <summary>
/// Slack through its HTTP APIs (no SDK): POST /api/slack/commands, /interactions and /events, each verified by
/// <see cref="SlackVerification"/>, and the <see cref="IReplyChannel"/> "slack" for replies finished later.
/// </summary>
public static class SlackChannel
{
    public const string Name = "slack";

    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SlackSettings.From(configuration));
        SlackApi.AddClient(services);
        services.AddSingleton<SlackApi>().AddSingleton<SlackMessages>().AddSingleton<SlackOutbox>().AddSingleton<SlackPeople>();
        services.AddSingleton<Domain.Access.IPeopleDirectory>(provider => provider.GetRequiredService<SlackPeople>());
        services.AddSingleton<IReplyChannel, SlackReplyChannel>();
        services.AddScoped<SlackConversation>().AddScoped<SlackUnreadable>();
        var outbox = SlackOutboxTimes.From(configuration);
        services.AddSingleton(outbox);
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<SlackOutboxJob>(options => options.WithIdentity(SlackOutboxJob.Key));
            quartz.AddTrigger(trigger => trigger.ForJob(SlackOutboxJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(outbox.Every).RepeatForever()));
        });
        return services;
    }

    public static WebApplication MapSlack(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<SlackSettings>();
        if (!settings.Enabled)
            app.Logger.LogInformation("Slack is off: its endpoints answer 503 until Slack:SigningSecret is set.");
        else if (!settings.CanCallApi)
            app.Logger.LogWarning("Slack:BotToken is not set: /numbers is answered, but forms, mentions and direct messages cannot be.");

        var slack = app.MapGroup("/api/slack").AddEndpointFilter<SlackVerification>();
        slack.MapPost("/commands", SlackCommands.HandleAsync);
        slack.MapPost("/interactions", SlackInteractions.HandleAsync);
        slack.MapPost("/events", SlackEvents.HandleAsync);
        return app;
    }
}
