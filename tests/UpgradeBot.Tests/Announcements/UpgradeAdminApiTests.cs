using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UpgradeBot.Core.Answers;
using UpgradeBot.Testing;

namespace UpgradeBot.Tests.Announcements;

public sealed class UpgradeAdminApiTests : IDisposable
{
    private const string AdminKey = "admin-key-for-upgrade-tests";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private BotHost Host(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Admin:ApiKeys:0"] = AdminKey };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new BotHost(_temp.File("bot.db"), all);
    }

    private static HttpClient Admin(BotHost host) => host.CreateAdminClient(AdminKey);

    private static object Upgrade(string id, string start, string end, string title = "March upgrade") =>
        new { id, title, phases = new[] { new { name = "Europe", start, end } }, statusUrl = "https://status.example.com" };

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static (string Key, string Value)[] Configured(string id, string start, string end) =>
    [
        ($"Upgrades:0:Id", id),
        ($"Upgrades:0:Title", "From configuration"),
        ($"Upgrades:0:Phases:0:Start", start),
        ($"Upgrades:0:Phases:0:End", end),
    ];

    [Fact]
    public async Task An_added_upgrade_is_listed_and_answers_status_questions()
    {
        await using var host = Host();
        var client = Admin(host);

        var created = await client.PostAsJsonAsync("/api/admin/upgrades", Upgrade("2099-01", "2099-01-10T22:00:00Z", "2099-01-11T06:00:00Z"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = Assert.Single((await Json(await client.GetAsync("/api/admin/upgrades"))).GetProperty("items").EnumerateArray());
        Assert.Equal("2099-01", item.GetProperty("id").GetString());
        Assert.Equal(1, item.GetProperty("revision").GetInt32());
        Assert.Equal("admin", item.GetProperty("source").GetString());
        var status = await host.Services.GetRequiredService<IAnswerService>().StatusAsync(DateTimeOffset.Parse("2099-01-10T23:00:00Z"));
        Assert.Equal("2099-01", status.Upgrade?.Id);
    }

    [Fact]
    public async Task A_change_of_times_bumps_the_revision_and_a_new_title_alone_does_not()
    {
        await using var host = Host();
        var client = Admin(host);
        await client.PostAsJsonAsync("/api/admin/upgrades", Upgrade("2099-01", "2099-01-10T22:00:00Z", "2099-01-11T06:00:00Z"));

        var renamed = await Json(await client.PutAsJsonAsync("/api/admin/upgrades/2099-01", Upgrade("2099-01", "2099-01-10T22:00:00Z", "2099-01-11T06:00:00Z", "Renamed")));
        var moved = await Json(await client.PutAsJsonAsync("/api/admin/upgrades/2099-01", Upgrade("2099-01", "2099-01-17T22:00:00Z", "2099-01-18T06:00:00Z", "Renamed")));

        Assert.Equal(1, renamed.GetProperty("revision").GetInt32());
        Assert.Equal(2, moved.GetProperty("revision").GetInt32());
        Assert.Equal(DateTimeOffset.Parse("2099-01-17T22:00:00Z"), moved.GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cancel_marks_the_upgrade_cancelled_and_unknown_ids_are_404()
    {
        await using var host = Host();
        var client = Admin(host);
        await client.PostAsJsonAsync("/api/admin/upgrades", Upgrade("2099-01", "2099-01-10T22:00:00Z", "2099-01-11T06:00:00Z"));

        var cancelled = await client.PostAsync("/api/admin/upgrades/2099-01/cancel", null);
        var missing = await client.PostAsync("/api/admin/upgrades/nope/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.True((await Json(cancelled)).GetProperty("cancelled").GetBoolean());
        Assert.Equal("cancelled", (await Json(cancelled)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/api/admin/upgrades/nope", Upgrade("nope", "2099-01-10T22:00:00Z", "2099-01-11T06:00:00Z"))).StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"x","title":"T","phases":[{"start":"2099-01-10T22:00:00","end":"2099-01-11T06:00:00Z"}]}""", "upgrade:Phases:0:Start '2099-01-10T22:00:00' is not an ISO 8601 instant with an offset")]
    [InlineData("""{"id":"x","title":"T","phases":[{"start":"2099-01-11T22:00:00Z","end":"2099-01-11T06:00:00Z"}]}""", "upgrade:Phases:0:End (2099-01-11T06:00:00Z) is not after")]
    [InlineData("""{"id":"x","title":"T","phases":[]}""", "upgrade:Phases is empty")]
    [InlineData("""{"title":"T","phases":[{"start":"2099-01-10T22:00:00Z","end":"2099-01-11T06:00:00Z"}]}""", "upgrade:Id is missing")]
    [InlineData("""{"id":"x","title":"T","phases":[{"start":"2099-01-10T22:00:00Z","end":"2099-01-11T06:00:00Z"},{"start":"2099-01-11T05:00:00Z","end":"2099-01-11T08:00:00Z"}]}""", "must not overlap")]
    [InlineData("""{"id":"statuspage:p2kx8vq4mz1a","title":"T","phases":[{"start":"2099-01-10T22:00:00Z","end":"2099-01-11T06:00:00Z"}]}""", "upgrade:Id 'statuspage:p2kx8vq4mz1a' starts with 'statuspage:', which is kept for upgrades read from the status page")]
    [InlineData("""not json""", "Send a JSON object")]
    [InlineData("""{"id":"x","phases":"soon"}""", "Send a JSON object")]
    public async Task A_bad_upgrade_is_refused_with_400_and_the_message_naming_the_field(string body, string message)
    {
        await using var host = Host();

        var response = await Admin(host).PostAsync("/api/admin/upgrades", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_the_upgrades_api_refuses()
    {
        await using var host = Host();

        var response = await host.CreateClient().GetAsync("/api/admin/upgrades");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_restart_with_edited_configuration_bumps_the_revision_and_a_removed_unannounced_upgrade_is_deleted()
    {
        await using (var first = Host(Configured("cfg-1", "2099-02-01T22:00:00Z", "2099-02-02T06:00:00Z")))
        {
            var listed = Assert.Single((await Json(await Admin(first).GetAsync("/api/admin/upgrades"))).GetProperty("items").EnumerateArray());
            Assert.Equal("configuration", listed.GetProperty("source").GetString());
        }

        await using (var second = Host(Configured("cfg-1", "2099-02-08T22:00:00Z", "2099-02-09T06:00:00Z")))
        {
            var listed = Assert.Single((await Json(await Admin(second).GetAsync("/api/admin/upgrades"))).GetProperty("items").EnumerateArray());
            Assert.Equal(2, listed.GetProperty("revision").GetInt32());
        }

        await using var third = Host(Configured("cfg-2", "2099-03-01T22:00:00Z", "2099-03-02T06:00:00Z"));
        var ids = (await Json(await Admin(third).GetAsync("/api/admin/upgrades"))).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString());
        Assert.Equal(["cfg-2"], ids);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-02T00:00:00Z")]
    [InlineData("9999-12-30T00:00:00Z", "9999-12-31T00:00:00Z")]
    [InlineData("1999-12-31T00:00:00Z", "2000-01-02T00:00:00Z")]
    public async Task Instants_outside_the_accepted_years_are_refused_naming_the_field(string start, string end)
    {
        await using var host = Host();

        var response = await Admin(host).PostAsJsonAsync("/api/admin/upgrades", Upgrade("typo", start, end));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("upgrade:Phases:0:Start", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"x","title":"t","phases":null}""", "Phases is empty")]
    [InlineData("""{"id":"x","title":"t","phases":[null]}""", "Phases:0 is empty")]
    [InlineData("""{"id":"x","title":"t","phases":[{"start":"2099-01-01T00:00:00Z","end":"2099-01-02T00:00:00Z"}],"statusUrl":"javascript:alert(1)"}""", "StatusUrl")]
    public async Task Null_or_hostile_fields_get_400_with_the_field_named(string body, string expected)
    {
        await using var host = Host();

        var response = await Admin(host).PostAsync("/api/admin/upgrades", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_phases_or_too_long_a_title_are_refused()
    {
        await using var host = Host();
        var phases = Enumerable.Range(0, 60).Select(i => new { name = $"P{i}", start = $"2099-01-01T{i / 2:00}:{i % 2 * 30:00}:00Z", end = $"2099-01-01T{i / 2:00}:{i % 2 * 30 + 10:00}:00Z" });

        var many = await Admin(host).PostAsJsonAsync("/api/admin/upgrades", new { id = "many", title = "t", phases });
        var longTitle = await Admin(host).PostAsJsonAsync("/api/admin/upgrades", Upgrade("long", "2099-01-10T22:00:00Z", "2099-01-11T06:00:00Z", title: new string('t', 5_000)));

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("at most 50", await many.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longTitle.StatusCode);
        Assert.Contains("upgrade:Title", await longTitle.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_parsed()
    {
        await using var host = Host();

        var response = await Admin(host).PostAsync("/api/admin/upgrades", new StringContent($"{{\"id\":\"{new string('x', 100_000)}\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("64 KiB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
