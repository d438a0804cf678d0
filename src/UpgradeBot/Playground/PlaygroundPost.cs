namespace UpgradeBot.Playground;

/// <summary>
/// Something the bot sent that the page shows: a new message, an edit of an earlier one (Teams'
/// update, Slack's chat.update or a response_url that replaces the original), or a message for the
/// clicker alone (an ephemeral response).
/// </summary>
/// <param name="Sequence">Increases by one per post: the page asks for what came after the last it saw.</param>
/// <param name="Conversation">The Teams conversation or Slack channel, without a Teams thread suffix.</param>
/// <param name="Id">The message's id (Teams activity id, Slack ts), or for an edit the id of the message it replaces.</param>
/// <param name="Body">What the bot sent, as it sent it: a Teams activity, or a Slack message (text, blocks).</param>
public sealed record PlaygroundPost(long Sequence, string Platform, string Conversation, string Kind, string? Id, string? ThreadId, JsonElement Body)
{
    public const string New = "post";
    public const string Edit = "update";
    public const string Ephemeral = "ephemeral";
}
