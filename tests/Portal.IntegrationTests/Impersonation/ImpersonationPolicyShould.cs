using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Resellers.Impersonation;

namespace PartnerPortal.IntegrationTests.Impersonation;

/// <summary>R5: the client's owners choose "notify me" or "ask me first"; the e-mails reach a real SMTP server in the client's branding.</summary>
public sealed class ImpersonationPolicyShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task EmailEveryOwnerOnEachStartWhenTheyAskToBeNotified()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        await SetPolicyAsync(world, "Notify");

        var browser = new Browser(Factory);
        await browser.ImpersonateAsync(await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client, "Fix the invoices");

        var message = await Factory.Smtp.WaitForMessageAsync(world.ClientOwner.Email!, m => m.Subject!.Contains("logged in"));
        Assert.Equal($"{world.Reseller.Name} logged in to Client Dental", message.Subject);
        Assert.Contains(world.ResellerAdmin.Email!, message.TextBody);
        Assert.Contains("Fix the invoices", message.TextBody);
        Assert.Contains($"http://{world.Client.Host}/settings/access", message.TextBody);
        Assert.DoesNotContain("Cloudbase", message.HtmlBody + message.TextBody + message.From);
        // Admins who are not owners are not asked.
        Assert.DoesNotContain(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == world.ClientAdmin.Email));
    }

    [Fact]
    public async Task MakeTheResellerWaitForAnOwnersApprovalWhenTheyAskToBeAskedFirst()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var owner = await SetPolicyAsync(world, "AskFirst");
        var browser = new Browser(Factory);
        var onReseller = await browser.SignedInAsync(world.Reseller.Host, world.ResellerAdmin);

        var asked = await Browser.ClickLogInAsync(onReseller, world.Client.Id, "Quarterly review");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Waiting for approval", await asked.Content.ReadAsStringAsync());
        Assert.Equal(0, await World.GlobalAsync(db => db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).CountAsync(t => t.ClientId == world.Client.Id)));
        // Asking again while it is pending sends no second e-mail.
        Assert.Contains("Waiting for approval", await (await Browser.ClickLogInAsync(onReseller, world.Client.Id)).Content.ReadAsStringAsync());

        var message = await Factory.Smtp.WaitForMessageAsync(world.ClientOwner.Email!, m => m.Subject!.Contains("asks to log in"));
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody!, @"http://\S+/settings/access\?request=\S+").Value;
        Assert.StartsWith($"http://{world.Client.Host}/settings/access?request=", link);
        Assert.Contains("Quarterly review", message.TextBody);
        var (page, document) = await owner.GetPageAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(document.QuerySelector("tr.highlight button[name=approve][value=true]"));

        var request = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationRequest>().SingleAsync());
        var approved = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["requestId"] = request.Id.ToString(), ["approve"] = "true" }, "/settings/access/partners?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(1, await World.InTenantAsync(world.Client, db => db.AuditEntries.CountAsync(a => a.Action == "impersonation.approved")));

        await browser.ImpersonateAsync(onReseller, world.Client);
        Assert.Equal(1, await World.InTenantAsync(world.Client, db => db.Set<ImpersonationSession>().CountAsync()));
        Assert.Single(Factory.Smtp.Messages(), m => m.Subject!.Contains("asks to log in") && m.To.Mailboxes.Any(a => a.Address == world.ClientOwner.Email));
    }

    [Fact]
    public async Task KeepTheResellerOutWhenTheOwnerDeclines()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        var owner = await SetPolicyAsync(world, "AskFirst");
        var onReseller = await new Browser(Factory).SignedInAsync(world.Reseller.Host, world.ResellerAdmin);
        await Browser.ClickLogInAsync(onReseller, world.Client.Id);
        var request = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationRequest>().SingleAsync());

        var declined = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["requestId"] = request.Id.ToString(), ["approve"] = "false" }, "/settings/access/partners?handler=Decide");
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        // Answered once: a second answer changes nothing.
        var again = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["requestId"] = request.Id.ToString(), ["approve"] = "true" }, "/settings/access/partners?handler=Decide");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var retry = await Browser.ClickLogInAsync(onReseller, world.Client.Id);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("Waiting for approval", await retry.Content.ReadAsStringAsync());
        Assert.Equal(0, await World.GlobalAsync(db => db.Set<ImpersonationTicket>().IgnoreQueryFilters(["Tenant"]).CountAsync(t => t.ClientId == world.Client.Id)));
        Assert.Equal(2, await World.InTenantAsync(world.Client, db => db.Set<ImpersonationRequest>().CountAsync()));
        Assert.False((await World.InTenantAsync(world.Client, db => db.Set<ImpersonationRequest>().SingleAsync(r => r.Id == request.Id))).Approved);
    }

    [Fact]
    public async Task LetOnlyOwnersOfThisAccountAnswerARequest()
    {
        var world = await ImpersonationWorld.CreateAsync(World);
        await SetPolicyAsync(world, "AskFirst");
        await Browser.ClickLogInAsync(await new Browser(Factory).SignedInAsync(world.Reseller.Host, world.ResellerAdmin), world.Client.Id);
        var request = await World.InTenantAsync(world.Client, db => db.Set<ImpersonationRequest>().SingleAsync());

        // The owner of another organization, on its own host, cannot reach this account's request.
        var (otherOrg, otherOwner) = await World.OrganizationWithMemberAsync();
        var stranger = await new Browser(Factory).SignedInAsync(otherOrg.Host, otherOwner);
        var post = await stranger.PostFormAsync("/settings/access", new Dictionary<string, string> { ["requestId"] = request.Id.ToString(), ["approve"] = "true" }, "/settings/access/partners?handler=Decide");
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        var admin = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/settings/access")).StatusCode);
        Assert.Null((await World.InTenantAsync(world.Client, db => db.Set<ImpersonationRequest>().SingleAsync())).DecidedAt);
    }

    private async Task<PortalClient> SetPolicyAsync(ImpersonationWorld world, string policy)
    {
        var owner = await new Browser(Factory).SignedInAsync(world.Client.Host, world.ClientOwner);
        var saved = await owner.PostFormAsync("/settings/access", new Dictionary<string, string> { ["Policy"] = policy }, "/settings/access/partners?handler=Policy");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return owner;
    }
}
