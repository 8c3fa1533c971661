using NumbersBot.Bot;
using NumbersBot.Bot.Approvals;
using NumbersBot.Bot.Cards;
using NumbersBot.Bot.Channels.Local;
using NumbersBot.Bot.Channels.Slack;
using NumbersBot.Bot.Channels.Teams;
using NumbersBot.Bot.Conversation;
using NumbersBot.Bot.Demo;
using NumbersBot.Bot.Hosting;
using NumbersBot.Bot.Persistence;
using NumbersBot.Bot.Telephony;

var builder = WebApplication.CreateBuilder(args);
WebApplication app;
try
{
    var database = DatabaseOptions.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
    builder.Services.AddDomain(builder.Configuration);
    builder.Services.AddPersistence(database);
    builder.Services.AddTelephony(builder.Configuration);
    builder.Services.AddApprovalExpiry(builder.Configuration);
    builder.Services.AddRetention(builder.Configuration);
    builder.Services.AddDemo(builder.Configuration);
    builder.Services.AddConversation();
    builder.Services.AddCards();
    builder.Services.AddLocalChat(builder.Configuration);
    builder.Services.AddSlack(builder.Configuration);
    builder.Services.AddTeams(builder.Configuration);
    builder.Services.AddTelemetry(builder.Configuration);
    ChannelsInUse.Require(builder.Configuration, builder.Environment);
    builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

    app = builder.Build();
    DatabaseStartup.Migrate(database, app.Logger);
    await app.Services.SeedDemoAsync(app.Lifetime.ApplicationStopping);
    StartupSummary.Log(app, database);
}
catch (ConfigurationProblem problem)
{
    // One sentence an operator can act on; a stack trace would only bury it.
    Console.Error.WriteLine($"NumbersBot cannot start: {problem.Message}");
    return 1;
}

app.MapHealthChecks("/healthz");
app.MapLocalChat();
app.MapSlack();
app.MapTeams();

app.Run();
return 0;

public partial class Program;
