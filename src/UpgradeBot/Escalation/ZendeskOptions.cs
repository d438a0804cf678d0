namespace UpgradeBot.Escalation;

/// <summary>
/// <c>Escalation:Zendesk</c>: a Zendesk help desk (or one that answers the same API) where each new
/// escalation opens a ticket. <see cref="ApiToken"/> is a secret: it goes into the Authorization
/// header only, never into logs, errors or the admin API.
/// </summary>
public sealed class ZendeskOptions
{
    public const string Section = "Escalation:Zendesk";

    /// <summary>The help desk's address, such as <c>https://acme.zendesk.com</c>; empty = no tickets.</summary>
    public string? Url { get; set; }

    /// <summary>The agent the API token belongs to.</summary>
    public string? Email { get; set; }

    public string? ApiToken { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>Null when the settings can be used; otherwise what is wrong, naming the keys (never their values).</summary>
    public string? Problem()
    {
        if (!Enabled)
        {
            return string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(ApiToken)
                ? null
                : "Escalation:Zendesk:Email and Escalation:Zendesk:ApiToken are set but Escalation:Zendesk:Url is empty: set the help desk's address too, or remove them.";
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            || url.UserInfo.Length > 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return "Escalation:Zendesk:Url must be the help desk's https:// address, such as https://acme.zendesk.com, with no user, password or query in it (plain http only on loopback).";
        }

        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrWhiteSpace(ApiToken))
        {
            return "Escalation:Zendesk:Email and Escalation:Zendesk:ApiToken are required with Escalation:Zendesk:Url (the agent's address and an API token from Admin Center → Apps and integrations → Zendesk API).";
        }

        return Timeout > TimeSpan.Zero ? null : "Escalation:Zendesk:Timeout must be positive.";
    }
}
