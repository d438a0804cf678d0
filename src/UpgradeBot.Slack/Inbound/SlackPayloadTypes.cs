namespace UpgradeBot.Slack.Inbound;

/// <summary>Top-level <c>type</c> values of the payloads Slack sends.</summary>
public static class SlackPayloadTypes
{
    public const string UrlVerification = "url_verification";
    public const string EventCallback = "event_callback";
    public const string BlockActions = "block_actions";
    public const string ViewSubmission = "view_submission";
}
