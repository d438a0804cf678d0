using System.Text;
using UpgradeBot.Slack.Verification;

namespace UpgradeBot.Slack.Tests;

public sealed class SlackSignatureTests
{
    // The worked example in Slack's "Verifying requests from Slack".
    private const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocTimestamp = "1531420618";
    private const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] DocBody = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void Slacks_documented_example_verifies() =>
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(DocSecret, DocTimestamp, DocSignature, DocBody, SentAt.AddMinutes(4)));

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void More_than_five_minutes_either_way_is_stale(int seconds) =>
        Assert.Equal(SignatureCheck.StaleTimestamp, SlackSignature.Verify(DocSecret, DocTimestamp, DocSignature, DocBody, SentAt.AddSeconds(-seconds)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_secret_refuses_even_a_correct_signature(string? secret) =>
        Assert.Equal(SignatureCheck.NoSecret, SlackSignature.Verify(secret, DocTimestamp, DocSignature, DocBody, SentAt));

    [Theory]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504")]
    [InlineData("V0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    [InlineData("v0=a2114d57")]
    [InlineData("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")]
    public void Any_other_signature_is_a_mismatch(string signature) =>
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(DocSecret, DocTimestamp, signature, DocBody, SentAt));

    [Theory]
    [InlineData("-1531420618")]
    [InlineData("1531420618.5")]
    [InlineData("99999999999999999999")]
    [InlineData("soon")]
    public void A_timestamp_that_is_not_unix_seconds_is_refused(string timestamp) =>
        Assert.Equal(SignatureCheck.BadTimestamp, SlackSignature.Verify(DocSecret, timestamp, DocSignature, DocBody, SentAt));

    [Fact]
    public void Missing_headers_are_refused()
    {
        Assert.Equal(SignatureCheck.MissingHeaders, SlackSignature.Verify(DocSecret, null, DocSignature, DocBody, SentAt));
        Assert.Equal(SignatureCheck.MissingHeaders, SlackSignature.Verify(DocSecret, DocTimestamp, null, DocBody, SentAt));
    }
}
