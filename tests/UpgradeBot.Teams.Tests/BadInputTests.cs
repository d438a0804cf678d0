using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using UpgradeBot.Teams.Tests.Support;
using UpgradeBot.Testing;

namespace UpgradeBot.Teams.Tests;

public sealed class BadInputTests() : TeamsHostTest(TeamsHost.DuringUpgrade)
{
    [Theory]
    [InlineData("{\"type\": \"message\", ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"text\": \"no type\"}")]
    [InlineData("{\"type\": \"message\", \"timestamp\": {\"not\": \"a date\"}}")]
    public async Task Malformed_activity_gets_400_with_a_reason(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await Bot.Client.PostAsync(TeamsPlatform.MessagesPath, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        Assert.Empty(Connector.Calls);
    }

    [Theory]
    [InlineData("duplicate keys", """{"type":"message","type":"message","serviceUrl":"SERVICE","conversation":{"id":"a:1"},"text":"hi"}""")]
    [InlineData("duplicate keys in channel data", """{"type":"message","serviceUrl":"SERVICE","conversation":{"id":"a:1"},"channelData":{"tenant":{"id":"t"},"tenant":{"id":"u"}},"text":"hi"}""")]
    [InlineData("empty serviceUrl", """{"type":"message","serviceUrl":"","conversation":{"id":"a:1"},"from":{"id":"u"},"text":"hi"}""")]
    [InlineData("serviceUrl not a URL", """{"type":"message","serviceUrl":"not a url","conversation":{"id":"a:1"},"from":{"id":"u"},"text":"hi"}""")]
    [InlineData("serviceUrl not http", """{"type":"message","serviceUrl":"file:///etc/passwd","conversation":{"id":"a:1"},"from":{"id":"u"},"text":"hi"}""")]
    [InlineData("bare type", """{"type":"message"}""")]
    [InlineData("bare invoke", """{"type":"invoke"}""")]
    [InlineData("conversation without id", """{"type":"message","serviceUrl":"SERVICE","conversation":{},"text":"hi"}""")]
    public async Task Activity_missing_what_every_activity_has_gets_400_with_a_reason(string why, string body)
    {
        var response = await PostRawAsync(Encoding.UTF8.GetBytes(body.Replace("SERVICE", Connector.ServiceUrl, StringComparison.Ordinal)));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task Invalid_utf8_gets_400()
    {
        var activity = Encoding.UTF8.GetBytes(new Activities(Connector.ServiceUrl).Personal("dashboard XX wrong").ToJsonString());
        var at = Encoding.UTF8.GetString(activity).IndexOf("XX", StringComparison.Ordinal);
        activity[at] = 0xC3;
        activity[at + 1] = 0x28;

        var response = await PostRawAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_question_is_answered_not_a_server_error()
    {
        var activity = new Activities(Connector.ServiceUrl).Personal("the usage graph is wrong").ToJsonString()
            .Replace("the usage graph is wrong", "the usage graph is wrong \\ud800", StringComparison.Ordinal);

        var response = await PostRawAsync(Encoding.UTF8.GetBytes(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Connector.Calls);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_is_read()
    {
        var response = await PostRawAsync(new byte[(TeamsPlatform.MaxActivityBytes) + 1]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task A_question_longer_than_anyone_types_is_declined_without_matching_it()
    {
        var response = await Bot.PostAsync(new Activities(Connector.ServiceUrl).Personal(new string('x', 20_000)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("too long", Assert.Single(Connector.Calls).Card!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_message_without_a_conversation_type_and_no_mention_is_not_answered()
    {
        var activity = new Activities(Connector.ServiceUrl).Channel("the usage graph is wrong", mention: false);
        activity["conversation"]!.AsObject().Remove("conversationType");
        activity["conversation"]!["isGroup"] = true;

        var response = await Bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task Unknown_invoke_gets_400()
    {
        var response = await Bot.PostAsync(new Activities(Connector.ServiceUrl).Invoke("composeExtension/query", new JsonObject()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Connector.Calls);
    }

    private Task<HttpResponseMessage> PostRawAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return Bot.Client.PostAsync(TeamsPlatform.MessagesPath, content);
    }
}
