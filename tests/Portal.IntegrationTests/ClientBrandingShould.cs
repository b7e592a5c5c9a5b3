using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>T4, A2: a reseller manages its clients' white-label settings from its own host, through the partner–client link only.</summary>
public sealed class ClientBrandingShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ListOnlyTheResellersLinkedClients()
    {
        var world = await ResellersAsync();
        using var client = await SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var (response, page) = await client.GetPageAsync("/clients");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(["First Client", "Second Client"], names);
        Assert.NotNull(page.QuerySelector($"a[href='/clients/{world.First.Id}/branding']"));
        Assert.NotNull(page.QuerySelector("header a[href='/clients']"));
    }

    [Fact]
    public async Task EditALinkedClientsBrandingAndShowItOnTheClientsHost()
    {
        var world = await ResellersAsync();
        using var partner = await SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var (form, page) = await partner.GetPageAsync($"/clients/{world.First.Id}/branding");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("Branding of First Client", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='Form.Theme'][value=''][checked]")); // no theme of its own yet

        var fields = Fields("First Brand", "#0E7C86");
        fields["Form.Theme"] = "ledger";
        var response = await partner.PostMultipartAsync($"/clients/{world.First.Id}/branding", fields,
            new Dictionary<string, (string, byte[])> { ["Form.Logo"] = ("logo.svg", TestImages.Svg("#0E7C86")) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/clients/{world.First.Id}/branding?saved=true", response.Headers.Location!.OriginalString, ignoreCase: true);

        using var onClient = Factory.ClientFor(world.First.Host);
        var (_, clientPage) = await onClient.GetPageAsync("/account/signin");
        Assert.Equal("First Brand", clientPage.QuerySelector("header .brand")!.TextContent.Trim());
        Assert.Equal("ledger", clientPage.Body!.GetAttribute("data-theme"));
        Assert.Contains("--brand: #0E7C86;", clientPage.QuerySelector("style")!.TextContent);
        var logo = clientPage.QuerySelector("header .brand img")!.GetAttribute("src")!;
        Assert.Equal(TestImages.Svg("#0E7C86"), await (await onClient.GetAsync(logo)).Content.ReadAsByteArrayAsync());

        // The client's own audit log says who changed it; the reseller's page shows the logo inline.
        var audit = await World.InTenantAsync(world.First, db => db.AuditEntries.SingleAsync(a => a.Action == "branding.changed"));
        Assert.Contains("by partner Reseller One", audit.Detail);
        Assert.Equal(world.ResellerAdmin.Email, audit.UserEmail);
        var (_, again) = await partner.GetPageAsync($"/clients/{world.First.Id}/branding");
        Assert.StartsWith("data:image/svg+xml;base64,", again.QuerySelector("img.current-logo")!.GetAttribute("src"));
    }

    [Fact]
    public async Task AnswerNotFoundForAnyClientThatIsNotLinkedAndChangeNothing()
    {
        var world = await ResellersAsync();
        using var partner = await SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var strangers = new[] { world.OtherResellersClient, world.Ended, world.Other, world.Reseller };
        var token = await partner.GetPageAsync($"/clients/{world.First.Id}/branding"); // a valid form to take the token from
        Assert.Equal(HttpStatusCode.OK, token.Response.StatusCode);

        foreach (var stranger in strangers)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/clients/{stranger.Id}/branding")).StatusCode);
            var post = await partner.PostMultipartAsync($"/clients/{world.First.Id}/branding", Fields("Taken Over", "#000000"),
                new Dictionary<string, (string, byte[])> { ["Form.Logo"] = ("logo.png", TestImages.Png) }, action: $"/clients/{stranger.Id}/branding");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

            var org = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == stranger.Id));
            Assert.Null(org.Branding.ProductName);
            Assert.Null(org.Branding.LogoVersion);
            Assert.Equal(0, await World.InTenantAsync(stranger, db => db.BrandAssets.CountAsync()));
            Assert.False(await World.InTenantAsync(stranger, db => db.AuditEntries.AnyAsync(a => a.Action == "branding.changed")));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/clients/{Guid.NewGuid()}/branding")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/clients/not-a-guid/branding")).StatusCode);
    }

    [Fact]
    public async Task RefuseABadUploadForAClientAndChangeNothing()
    {
        var world = await ResellersAsync();
        using var partner = await SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        var response = await partner.PostMultipartAsync($"/clients/{world.Second.Id}/branding", Fields("Half Saved", "#123456"),
            new Dictionary<string, (string, byte[])> { ["Form.Logo"] = ("logo.png", TestImages.TextPretendingToBePng) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("must be a PNG, JPEG, WebP or SVG image", (await PortalClient.ParseAsync(response)).QuerySelector("span[data-valmsg-for='Form.Logo']")!.TextContent);
        var org = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == world.Second.Id));
        Assert.Null(org.Branding.ProductName);
        Assert.Equal(BrandColors.DefaultPrimary, org.Branding.PrimaryColor);
    }

    [Theory]
    [InlineData("/clients")]
    [InlineData("/clients/{client}/branding")]
    public async Task KeepThePagesToTheResellersAdminsOnTheResellersHost(string pattern)
    {
        var world = await ResellersAsync();
        var path = pattern.Replace("{client}", world.First.Id.ToString());

        using (var signedOut = Factory.ClientFor(world.Reseller.Host))
        {
            var response = await signedOut.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        using (var member = await SignedInAsync(world.Reseller.Host, world.ResellerMember))
        {
            // A partner employee has the dashboard (of the clients assigned to them: none here) but not the white-label pages.
            Assert.Equal(pattern == "/clients" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, (await member.GetAsync(path)).StatusCode);
        }

        // The client's admin cannot sign in on the reseller's host at all; someone whose membership there ended after signing in gets 403.
        await FormerMembers.RefusedSignInAsync(Factory, world.Reseller.Host, world.ClientAdmin);
        using (var outsider = await FormerMembers.SignedInAsync(Factory, World, world.Reseller, OrganizationRole.Admin))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(path)).StatusCode);
        }

        // On the client's own host, even for its admin, there is no such page (it is not a partner).
        using (var onClient = await SignedInAsync(world.First.Host, world.ClientAdmin))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await onClient.GetAsync(path)).StatusCode);
        }

        // The other reseller's admin, on its own host, cannot reach this reseller's client.
        using (var otherReseller = await SignedInAsync(world.OtherReseller.Host, world.OtherResellerAdmin))
        {
            var expected = pattern == "/clients" ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await otherReseller.GetAsync(path)).StatusCode);
        }

        using var unknown = Factory.ClientFor("no-such-reseller.portal.test");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync(path)).StatusCode);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync(path)).StatusCode);
    }

    private sealed record ResellerWorld(
        TestOrganization Reseller, PortalUser ResellerAdmin, PortalUser ResellerMember,
        TestOrganization First, TestOrganization Second, TestOrganization Ended, PortalUser ClientAdmin,
        TestOrganization OtherReseller, PortalUser OtherResellerAdmin, TestOrganization OtherResellersClient, TestOrganization Other);

    private async Task<ResellerWorld> ResellersAsync()
    {
        var reseller = await World.CreateOrganizationAsync("Reseller One", OrganizationKind.Partner);
        var resellerAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, resellerAdmin, OrganizationRole.Admin);
        var resellerMember = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, resellerMember, OrganizationRole.Member);
        var second = await World.CreateOrganizationAsync("Second Client", reseller: reseller);
        var first = await World.CreateOrganizationAsync("First Client", reseller: reseller);
        var ended = await World.CreateOrganizationAsync("Former Client", reseller: reseller);
        await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.ClientId == ended.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.EndedAt, DateTime.UtcNow)));
        var clientAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(first, clientAdmin, OrganizationRole.Owner);

        var otherReseller = await World.CreateOrganizationAsync("Reseller Two", OrganizationKind.Partner);
        var otherResellerAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(otherReseller, otherResellerAdmin, OrganizationRole.Owner);
        var otherResellersClient = await World.CreateOrganizationAsync("Not Yours", reseller: otherReseller);
        var other = await World.CreateOrganizationAsync("Direct Stranger");
        return new ResellerWorld(reseller, resellerAdmin, resellerMember, first, second, ended, clientAdmin, otherReseller, otherResellerAdmin, otherResellersClient, other);
    }

    private async Task<PortalClient> SignedInAsync(string host, PortalUser user)
    {
        var client = Factory.ClientFor(host);
        await client.SignInAsync(user.Email!);
        return client;
    }

    /// <summary>The branding form with only a name and a primary colour set.</summary>
    internal static Dictionary<string, string> Fields(string productName, string primary) => new()
    {
        ["Form.ProductName"] = productName,
        ["Form.PrimaryColor"] = primary,
        ["Form.AccentColor"] = "#0F766E",
        ["Form.FooterText"] = string.Empty,
        ["Form.SupportEmail"] = string.Empty,
        ["Form.SupportUrl"] = string.Empty,
        ["Form.SupportPhone"] = string.Empty,
    };
}
