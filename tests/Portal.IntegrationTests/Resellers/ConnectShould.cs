using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Resellers.Accounts;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R3: connecting an existing account takes its owner's approval, by an e-mailed link or by the reseller's partner code.</summary>
public sealed partial class ConnectShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task ConnectAnAccountOnceItsOwnerApprovesTheEmailedLink()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);

        var asked = await admin.PostFormAsync("/clients/connect", new Dictionary<string, string> { ["Host"] = world.Direct.Host.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.False(await LinkedAsync(world));

        var message = await Factory.Smtp.WaitForMessageAsync(world.DirectOwner.Email!);
        Assert.Contains("Northwind Partners asks to serve Delta Direct", message.TextBody);
        var link = ReviewLink().Match(message.TextBody!).Value;
        Assert.StartsWith($"http://{world.Direct.Host}/settings/reseller/connect?token=", link);
        var request = await World.GlobalAsync(db => db.Set<ConnectRequest>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(r => r.TenantId == world.Direct.Id));
        Assert.DoesNotContain(new Uri(link).Query.Split('=')[1], request.TokenHash); // only the hash is stored

        using var owner = await Factory.SignedInAsync(world.Direct.Host, world.DirectOwner);
        var path = new Uri(link).PathAndQuery;
        var (review, page) = await owner.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("Northwind Partners asks to serve this account", page.QuerySelector("h2")!.TextContent);
        var approved = await owner.PostFormAsync(path, new Dictionary<string, string> { ["Token"] = new Uri(link).Query.Split('=')[1], ["approve"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        Assert.True(await LinkedAsync(world));
        Assert.True(await World.InTenantAsync(world.Direct, db => db.AuditEntries.AnyAsync(a => a.Action == "connect.approved" && a.UserId == world.DirectOwner.Id)));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "connect.approved")));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "connect.requested")));
        var (_, dashboard) = await admin.GetPageAsync("/clients");
        Assert.Contains("Delta Direct", dashboard.QuerySelector("tbody")!.TextContent);

        // The link is single-use.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task LeaveEverythingAsItWasWhenTheOwnerDeclines()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        await admin.PostFormAsync("/clients/connect", new Dictionary<string, string> { ["Host"] = world.Direct.Host });
        var link = new Uri(ReviewLink().Match((await Factory.Smtp.WaitForMessageAsync(world.DirectOwner.Email!)).TextBody!).Value);

        // Another organization's owner cannot use the token on their own host.
        using (var stranger = await Factory.SignedInAsync(world.First.Host, world.ClientOwner))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(link.PathAndQuery)).StatusCode);
        }

        using var owner = await Factory.SignedInAsync(world.Direct.Host, world.DirectOwner);
        var declined = await owner.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["Token"] = link.Query.Split('=')[1], ["approve"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.False(await LinkedAsync(world));
        Assert.True(await World.InTenantAsync(world.Direct, db => db.AuditEntries.AnyAsync(a => a.Action == "connect.declined")));
    }

    [Theory]
    [InlineData("other-client", "already served by another reseller")]
    [InlineData("own-client", "already connected to this reseller")]
    [InlineData("reseller", "is a reseller itself")]
    [InlineData("unknown", "No account answers at")]
    [InlineData("bad", "Enter the account's address")]
    public async Task RefuseAccountsThatCannotBeConnected(string which, string message)
    {
        var world = await ResellerWorld.CreateAsync(World);
        var host = which switch
        {
            "other-client" => world.OtherClient.Host,
            "own-client" => world.First.Host,
            "reseller" => world.OtherReseller.Host,
            "unknown" => "nobody-here.portal.test",
            _ => "not a host!",
        };
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var response = await admin.PostFormAsync("/clients/connect", new Dictionary<string, string> { ["Host"] = host });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await PortalClient.ParseAsync(response)).QuerySelector("#form-error")!.TextContent);
        Assert.False(await World.GlobalAsync(db => db.Set<ConnectRequest>().IgnoreQueryFilters(["Tenant"]).AnyAsync(r => r.ResellerId == world.Reseller.Id)));
    }

    [Fact]
    public async Task ConnectAnAccountWhoseOwnerEnteredThePartnerCodeOnceTheResellerAccepts()
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var code = (await admin.GetPageAsync("/clients")).Document.QuerySelector("#partner-code")!.TextContent.Trim();
        using var owner = await Factory.SignedInAsync(world.Direct.Host, world.DirectOwner);

        var wrong = await owner.PostFormAsync("/settings/reseller", new Dictionary<string, string> { ["Code"] = "NOSUCHCODE" }, action: "/settings/reseller?handler=Code");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("No reseller has that partner code", (await PortalClient.ParseAsync(wrong)).QuerySelector("#form-error")!.TextContent);

        var asked = await owner.PostFormAsync("/settings/reseller", new Dictionary<string, string> { ["Code"] = $" {code[..4].ToLowerInvariant()}-{code[4..]} " }, action: "/settings/reseller?handler=Code");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.False(await LinkedAsync(world));
        Assert.True(await World.InTenantAsync(world.Reseller, db => db.AuditEntries.AnyAsync(a => a.Action == "connect.requested_by_account")));

        var (_, waiting) = await admin.GetPageAsync("/clients/connect");
        Assert.Contains("Delta Direct", waiting.QuerySelector("main")!.TextContent);
        var requestId = waiting.QuerySelector("input[name=requestId]")!.GetAttribute("value")!;

        // Another reseller cannot answer it.
        using (var other = await Factory.SignedInAsync(world.OtherReseller.Host, world.OtherAdmin))
        {
            var foreign = await other.PostFormAsync("/clients/connect", new Dictionary<string, string> { ["requestId"] = requestId, ["approve"] = "true" }, action: "/clients/connect?handler=Decide");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        var accepted = await admin.PostFormAsync("/clients/connect", new Dictionary<string, string> { ["requestId"] = requestId, ["approve"] = "true" }, action: "/clients/connect?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await LinkedAsync(world));
        Assert.True(await World.InTenantAsync(world.Direct, db => db.AuditEntries.AnyAsync(a => a.Action == "connect.approved")));
    }

    private Task<bool> LinkedAsync(ResellerWorld world) =>
        World.GlobalAsync(db => db.PartnerClientLinks.AnyAsync(l => l.PartnerId == world.Reseller.Id && l.ClientId == world.Direct.Id && l.EndedAt == null));

    [GeneratedRegex(@"http://\S+/settings/reseller/connect\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ReviewLink();
}
