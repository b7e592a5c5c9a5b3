using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// A3: what a security scanner sends (NUL bytes, unknown handlers, huge bodies, thousands of
/// fields, forged addresses, CR/LF in names) gets a 4xx that says what was wrong, logs no error
/// and changes nothing. On a real Kestrel socket, since body limits are the server's.
/// </summary>
public sealed class BadInputShould(BadInputShould.PortalOnSocket factory) : PortalTest<BadInputShould.PortalOnSocket>(factory)
{
    public sealed class PortalOnSocket() : SocketPortalFactory(new Dictionary<string, string?>());

    [Fact]
    public async Task RefuseANulByteInAFormFieldAndSaveNothing()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Nul Free Ltd");
        using var client = await Factory.SignedInAsync(org.Host, owner);

        var response = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "Evil\0Name" });

        await AssertStatusAsync(HttpStatusCode.BadRequest, response);
        Assert.Contains("NUL byte", (await PortalClient.ParseAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal("Nul Free Ltd", await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));
    }

    [Theory]
    [InlineData("POST", "/settings/invitations")] // would fall back to the plain form's handler and invite
    [InlineData("POST", "/settings/members")] // only named handlers: would render the page without its data (a 500)
    [InlineData("GET", "/settings/invitations")] // a link to a handler that does not exist
    public async Task RefuseAnUnknownHandlerWithAMessage(string method, string page)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync();
        using var client = await Factory.SignedInAsync(org.Host, owner);

        var response = method == "GET"
            ? await client.GetAsync($"{page}?handler=nope")
            : await client.PostFormAsync(page, new Dictionary<string, string> { ["Email"] = "someone@people.test" }, action: $"{page}?handler=nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no such action", (await PortalClient.ParseAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal(0, await World.InTenantAsync(org, db => db.Invitations.CountAsync()));
    }

    [Theory]
    [InlineData("", "Enter the e-mail address to invite.")] // empty: was a NullReferenceException
    [InlineData("victim@example.test;x", "Enter a valid e-mail address.")] // a list in disguise, retried for ever
    [InlineData("Victim <victim@example.test>", "Enter a valid e-mail address.")] // a display-name form
    [InlineData("victim@127.0.0.1", "Enter a valid e-mail address.")] // an IP literal domain
    public async Task RefuseAnInvitationToAnAddressThatCannotBeDelivered(string email, string message)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync();
        using var client = await Factory.SignedInAsync(org.Host, owner);

        var response = await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = email, ["Role"] = "Member" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await PortalClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Email']")!.TextContent);
        Assert.Equal(0, await World.InTenantAsync(org, db => db.Invitations.CountAsync()));
        Assert.Equal(0, await World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).CountAsync(m => m.TenantId == org.Id)));
    }

    [Theory]
    [InlineData("Evil\r\nBcc: everyone@people.test")] // CR/LF: a forged header line in every e-mail that names it
    [InlineData("Tab\tSeparated")] // any control character
    public async Task RefuseControlCharactersInAnOrganizationsName(string name)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Plain Name Ltd");
        using var client = await Factory.SignedInAsync(org.Host, owner);

        var response = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = name });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("one line of plain text", (await PortalClient.ParseAsync(response)).QuerySelector("[data-valmsg-for='Name']")!.TextContent);
        Assert.Equal("Plain Name Ltd", await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task AnswerAnUploadOverTheLimitWith413()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync();
        using var client = await Factory.SignedInAsync(org.Host, owner);
        // As curl does for a large body: the server may refuse before a byte of it is sent.
        client.Http.DefaultRequestHeaders.ExpectContinue = true;

        var response = await client.PostMultipartAsync("/settings/branding", new Dictionary<string, string>(),
            new Dictionary<string, (string, byte[])> { ["Form.Logo"] = ("huge.png", new byte[17 * 1024 * 1024]) });

        await AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge, response);
        Assert.Contains("16 MB at most", (await PortalClient.ParseAsync(response)).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task AnswerAFiveMegabyteFieldWith413()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Short Name Ltd");
        using var client = await Factory.SignedInAsync(org.Host, owner);

        var response = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = new string('a', 5 * 1024 * 1024) });

        await AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge, response);
        Assert.Contains("longer than 4 MB", (await PortalClient.ParseAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal("Short Name Ltd", await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task AnswerFiveThousandFieldsWith413()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync();
        using var client = await Factory.SignedInAsync(org.Host, owner);
        var fields = Enumerable.Range(0, 5000).ToDictionary(i => $"f{i}", i => "x");
        fields["Email"] = "someone@people.test";

        var response = await client.PostFormAsync("/settings/invitations", fields);

        await AssertStatusAsync(HttpStatusCode.RequestEntityTooLarge, response);
        Assert.Contains("more than 1,024 fields", (await PortalClient.ParseAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal(0, await World.InTenantAsync(org, db => db.Invitations.CountAsync()));
    }

    [Fact]
    public async Task SendDownloadsWithNoStore()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        foreach (var path in new[] { "/clients/export.csv", "/clients/export.xlsx" })
        {
            var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    private async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}\n{string.Join("\n", Factory.Logs.Errors)}");
}
