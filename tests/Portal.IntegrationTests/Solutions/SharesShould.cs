using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>S4: a partner sends a copy to a linked client; only the recipient's admins preview, import or decline it.</summary>
public sealed class SharesShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private sealed record Sent(TestOrganization Partner, TestOrganization Client, PortalUser ClientOwner, Guid Share);

    private async Task<Sent> SendAsync()
    {
        var partner = await World.CreateOrganizationAsync(kind: OrganizationKind.Partner);
        var partnerOwner = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, partnerOwner, OrganizationRole.Owner);
        var client = await World.CreateOrganizationAsync(reseller: partner);
        var clientOwner = await World.CreateUserAsync();
        await World.AddMemberAsync(client, clientOwner, OrganizationRole.Owner);
        var recipe = await SolutionWorld.CreateSolutionAsync(Factory, partner);
        using var sender = Factory.ClientFor(partner.Host);
        await sender.SignInAsync(partnerOwner.Email!);
        var sent = await sender.PostFormAsync($"/solutions/{recipe}/manage", new Dictionary<string, string> { ["organizationId"] = client.Id.ToString() }, $"/solutions/{recipe}/manage?handler=Send");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var share = await World.GlobalAsync(db => db.Set<SolutionShare>().IgnoreQueryFilters(["Tenant"]).Where(s => s.TenantId == client.Id).Select(s => s.Id).SingleAsync());
        return new Sent(partner, client, clientOwner, share);
    }

    private Task<SolutionShare> ShareAsync(Guid id) => World.GlobalAsync(db => db.Set<SolutionShare>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(s => s.Id == id));

    [Fact]
    public async Task LetTheRecipientsAdminPreviewAndImportACopyThatNamesItsSource()
    {
        var sent = await SendAsync();
        using var client = Factory.ClientFor(sent.Client.Host);
        await client.SignInAsync(sent.ClientOwner.Email!);
        var (_, list) = await client.GetPageAsync("/solutions/shares");
        Assert.Contains("Clinic", list.QuerySelector("main")!.TextContent);
        var (_, preview) = await client.GetPageAsync($"/solutions/shares?preview={sent.Share}");
        var text = preview.QuerySelector("main")!.TextContent;
        Assert.Contains("Patients", text);
        Assert.Contains("Visits (number)", text);
        Assert.Contains($"From {sent.Partner.Name}, Clinic version 1", text);

        var workspace = await World.InTenantAsync(sent.Client, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        var imported = await client.PostFormAsync($"/solutions/shares?preview={sent.Share}", new Dictionary<string, string> { ["shareId"] = sent.Share.ToString(), ["workspaceId"] = workspace.ToString() }, "/solutions/shares?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var copy = await World.InTenantAsync(sent.Client, db => db.Set<Solution>().SingleAsync());
        Assert.Equal((sent.Partner.Name, "Clinic", 1), (copy.SourceOrganization, copy.SourceRecipe, copy.SourceVersion));
        Assert.NotNull((await ShareAsync(sent.Share)).ImportedAt);
    }

    [Fact]
    public async Task KeepAShareFromEveryoneButTheRecipientsAdmins()
    {
        var sent = await SendAsync();
        var (other, otherOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var otherWorkspace = await World.InTenantAsync(other, db => db.Workspaces.Select(w => w.Id).FirstAsync());
        using (var elsewhere = Factory.ClientFor(other.Host))
        {
            await elsewhere.SignInAsync(otherOwner.Email!);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/solutions/shares?preview={sent.Share}")).StatusCode);
            Assert.DoesNotContain("Clinic", (await elsewhere.GetPageAsync("/solutions/shares")).Document.QuerySelector("main")!.TextContent);
            var fields = new Dictionary<string, string> { ["shareId"] = sent.Share.ToString(), ["workspaceId"] = otherWorkspace.ToString() };
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostFormAsync("/solutions/shares", fields, "/solutions/shares?handler=Import")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostFormAsync("/solutions/shares", fields, "/solutions/shares?handler=Decline")).StatusCode);
        }

        // The sender does not open the recipient's share either.
        var partnerOwner = await World.CreateUserAsync();
        await World.AddMemberAsync(sent.Partner, partnerOwner, OrganizationRole.Owner);
        using (var sender = Factory.ClientFor(sent.Partner.Host))
        {
            await sender.SignInAsync(partnerOwner.Email!);
            Assert.Equal(HttpStatusCode.NotFound, (await sender.GetAsync($"/solutions/shares?preview={sent.Share}")).StatusCode);
        }

        using (var unknown = Factory.ClientFor("no-such-org.portal.test"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync("/solutions/shares")).StatusCode);
        }

        using (var signedOut = Factory.ClientFor(sent.Client.Host))
        {
            var response = await signedOut.GetAsync($"/solutions/shares?preview={sent.Share}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/signin", response.Headers.Location!.PathAndQuery);
        }

        // Another organization's owner cannot sign in on this host; someone whose membership ended after signing in gets 403.
        await FormerMembers.RefusedSignInAsync(Factory, sent.Client.Host, otherOwner);
        using (var outsider = await FormerMembers.SignedInAsync(Factory, World, sent.Client))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync("/solutions/shares")).StatusCode);
        }

        var member = await SolutionWorld.WorkspaceMemberAsync(World, sent.Client, WorkspaceRole.Admin);
        using (var workspaceAdmin = Factory.ClientFor(sent.Client.Host))
        {
            await workspaceAdmin.SignInAsync(member.Email!);
            Assert.Equal(HttpStatusCode.Forbidden, (await workspaceAdmin.GetAsync($"/solutions/shares?preview={sent.Share}")).StatusCode);
        }

        var share = await ShareAsync(sent.Share);
        Assert.Null(share.ImportedAt);
        Assert.Null(share.DeclinedAt);
        Assert.Equal(0, await World.InTenantAsync(other, db => db.Set<Solution>().CountAsync()));
    }

    [Fact]
    public async Task RefuseToSendACopyToAnOrganizationWithoutAPartnerLink()
    {
        var (mine, me) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (stranger, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var id = await SolutionWorld.CreateSolutionAsync(Factory, mine);
        using var client = Factory.ClientFor(mine.Host);
        await client.SignInAsync(me.Email!);
        var response = await client.PostFormAsync($"/solutions/{id}/manage", new Dictionary<string, string> { ["organizationId"] = stranger.Id.ToString() }, $"/solutions/{id}/manage?handler=Send");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(0, await World.GlobalAsync(db => db.Set<SolutionShare>().IgnoreQueryFilters(["Tenant"]).CountAsync(s => s.TenantId == stranger.Id)));
    }
}
