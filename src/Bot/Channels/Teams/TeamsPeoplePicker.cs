using System.Text.Json.Nodes;
using NumbersBot.Bot.Cards.Views;
using NumbersBot.Bot.Conversation;

namespace NumbersBot.Bot.Channels.Teams;

/// <summary>
/// Teams' own people picker: an Input.ChoiceSet whose choices Teams fetches from the organisation's directory
/// ("choices.data", dataset graph.microsoft.com/users). It is a Teams extension that other Adaptive Card hosts, the
/// local chat among them, do not know, so it is added here rather than in the shared template; the typed id stays
/// beside it for the clients without it (Teams mobile). Its value is the chosen person's Entra object id.
/// </summary>
public static class TeamsPeoplePicker
{
    public const string Dataset = "graph.microsoft.com/users";

    /// <summary>The card for choosing a person (not changing one already chosen).</summary>
    public static bool Applies(Reply reply) => reply.Model is AccessFormView { Person: null };

    public static void AddTo(JsonObject card, Reply reply)
    {
        if (!Applies(reply) || card["body"] is not JsonArray body) return;
        var typed = body.OfType<JsonObject>().FirstOrDefault(e => e["id"]?.GetValue<string>() == Keys.UserTyped);
        if (typed is null) return;
        body.Insert(body.IndexOf(typed), new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = Keys.User,
            ["label"] = "Person",
            ["placeholder"] = "Search your organisation",
            ["isMultiSelect"] = false,
            ["choices"] = new JsonArray(),
            ["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = Dataset },
        });
    }
}
