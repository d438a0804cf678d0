using System.Text.Json;
using System.Text.Json.Serialization;

namespace UpgradeBot.Teams.Cards;

internal static class CardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
