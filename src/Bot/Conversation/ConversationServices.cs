using NumbersBot.Bot.Conversation.Deferred;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace NumbersBot.Bot.Conversation;

public static class ConversationServices
{
    /// <summary>The channel-neutral turn pipeline and router every channel hands its turns to, and the worker for slow verbs.</summary>
    public static IServiceCollection AddConversation(this IServiceCollection services)
    {
        services.AddScoped<ConversationRouter>().AddScoped<TurnPipeline>();
        foreach (var group in Verbs.Declared.Select(v => v.Group).Distinct()) services.TryAddScoped(group);
        services.AddScoped<IDeferredReplies, DeferredReplies>();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<DeferredReplyJob>(options => options.WithIdentity(DeferredReplyJob.Key));
            quartz.AddTrigger(trigger => trigger.ForJob(DeferredReplyJob.Key).StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(5)).RepeatForever()));
        });
        return services;
    }
}
