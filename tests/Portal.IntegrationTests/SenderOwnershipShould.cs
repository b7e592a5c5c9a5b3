using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>T4: a reseller's client reads its outgoing e-mail settings; only the reseller changes them, through the link.</summary>
public sealed class SenderOwnershipShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ShowTheSenderReadOnlyToTheResellersClient()
    {
        var reseller = await World.CreateOrganizationAsync("Sender Reseller", OrganizationKind.Partner);
        var client = await World.CreateOrganizationAsync("Sender Client", reseller: reseller, configure: o =>
        {
            o.Branding.MailFromName = "Sender Client";
            o.Branding.MailFromAddress = "hello@sender-client.test";
        });
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(client, admin, OrganizationRole.Owner);
        using var http = Factory.ClientFor(client.Host);
        await http.SignInAsync(admin.Email!);

        var (page, document) = await http.GetPageAsync("/settings/email");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Managed by Sender Reseller", document.QuerySelector("#managed-title")!.TextContent.Trim());
        Assert.Empty(document.QuerySelectorAll("main form"));

        var post = await http.PostFormAsync("/settings/email", new Dictionary<string, string> { ["MailFromName"] = "Mine", ["MailFromAddress"] = "me@mine.test" }, "/settings/email");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var generate = await http.PostFormAsync("/settings/email", new Dictionary<string, string>(), "/settings/email?handler=Generate");
        Assert.Equal(HttpStatusCode.Forbidden, generate.StatusCode);
        Assert.Equal("hello@sender-client.test", await AddressOfAsync(client));
        Assert.False(await World.InTenantAsync(client, db => db.DkimKeys.AnyAsync()));
    }

    [Fact]
    public async Task LetTheResellerChangeItsClientsSenderFromItsOwnHost()
    {
        var reseller = await World.CreateOrganizationAsync("Editing Reseller", OrganizationKind.Partner);
        var client = await World.CreateOrganizationAsync("Edited Client", reseller: reseller);
        var partnerAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, partnerAdmin, OrganizationRole.Admin);
        using var http = Factory.ClientFor(reseller.Host);
        await http.SignInAsync(partnerAdmin.Email!);

        var (page, document) = await http.GetPageAsync($"/clients/{client.Id}/email");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("E-mail of Edited Client", document.QuerySelector("h1")!.TextContent.Trim());

        var saved = await http.PostFormAsync($"/clients/{client.Id}/email", new Dictionary<string, string> { ["MailFromName"] = "Edited Client", ["MailFromAddress"] = "hello@edited-client.test" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("hello@edited-client.test", await AddressOfAsync(client));
        Assert.Null(await AddressOfAsync(reseller)); // the reseller's own sender is untouched
        Assert.Contains("email.sender_changed", await World.InTenantAsync(client, db => db.AuditEntries.Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task RefuseAnotherResellersClient()
    {
        var reseller = await World.CreateOrganizationAsync("Honest Reseller", OrganizationKind.Partner);
        var otherReseller = await World.CreateOrganizationAsync("Other Reseller", OrganizationKind.Partner);
        var theirClient = await World.CreateOrganizationAsync("Their Client", reseller: otherReseller, configure: o => o.Branding.MailFromAddress = "hello@their-client.test");
        var direct = await World.CreateOrganizationAsync("Direct Client", configure: o => o.Branding.MailFromAddress = "hello@direct-client.test");
        var partnerAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, partnerAdmin, OrganizationRole.Owner);
        using var http = Factory.ClientFor(reseller.Host);
        await http.SignInAsync(partnerAdmin.Email!);

        foreach (var target in new[] { theirClient, direct })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/clients/{target.Id}/email")).StatusCode);
            var post = await http.PostFormAsync("/settings/email", new Dictionary<string, string> { ["MailFromName"] = "Hijack", ["MailFromAddress"] = "hijack@evil.test" }, $"/clients/{target.Id}/email");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        Assert.Equal("hello@their-client.test", await AddressOfAsync(theirClient));
        Assert.Equal("hello@direct-client.test", await AddressOfAsync(direct));
    }

    [Fact]
    public async Task NotOfferTheResellerRouteOnAClientsHostOrToMembers()
    {
        var reseller = await World.CreateOrganizationAsync("Route Reseller", OrganizationKind.Partner);
        var client = await World.CreateOrganizationAsync("Route Client", reseller: reseller);
        var member = await World.CreateUserAsync();
        await World.AddMemberAsync(reseller, member, OrganizationRole.Member);
        using var http = Factory.ClientFor(reseller.Host);
        await http.SignInAsync(member.Email!);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/clients/{client.Id}/email")).StatusCode);

        using var signedOut = Factory.ClientFor(reseller.Host);
        Assert.Equal(HttpStatusCode.Redirect, (await signedOut.GetAsync($"/clients/{client.Id}/email")).StatusCode);

        // On the client's own host its own id names no client of it: nothing there.
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(client, owner, OrganizationRole.Owner);
        using var onClient = Factory.ClientFor(client.Host);
        await onClient.SignInAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await onClient.GetAsync($"/clients/{client.Id}/email")).StatusCode);
    }

    private Task<string?> AddressOfAsync(TestOrganization org) =>
        World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.Branding.MailFromAddress).SingleAsync());
}
