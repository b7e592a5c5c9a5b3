using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;

namespace PartnerPortal.IntegrationTests.Billing;

/// <summary>R7, R8: at a plan limit the action that would pass it is refused, names whom to ask, changes nothing, and the first refusal of a crossing e-mails the client's admins and the reseller once.</summary>
public sealed class PlanLimitsShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task RefuseThe51stRecordOnFreeNamingTheResellersSupportAndCreateNothing()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 50);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);

        var response = await client.PostFormAsync($"/solutions/{solutionId}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "One too many" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = (await PortalClient.ParseAsync(response)).QuerySelector("#limit-message")!.TextContent;
        Assert.Contains("allows 50 records; this would make 51", message);
        Assert.Contains($"contact Helpful Resellers ({BillingWorld.ResellerSupport})", message);
        Assert.DoesNotContain("Cloudbase", message);
        Assert.Equal(50, await SolutionWorld.RecordCountAsync(World, world.Client));
        var subscription = await BillingWorld.SubscriptionAsync(World, world.Client);
        Assert.NotNull(subscription!.OverLimitSince);
        Assert.Equal("records", subscription.OverLimitKinds);
    }

    [Fact]
    public async Task CreateRecordsUpToTheLimit()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 49);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);

        var response = await client.PostFormAsync($"/solutions/{solutionId}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "The fiftieth" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(50, await SolutionWorld.RecordCountAsync(World, world.Client));
        Assert.Null((await BillingWorld.SubscriptionAsync(World, world.Client))?.OverLimitSince);
    }

    [Fact]
    public async Task RefuseACsvImportThatWouldPassTheLimitWholeAndImportOneThatFits()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 45);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);

        var tooMany = await ImportAsync(client, solutionId, 6);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        var errors = (await PortalClient.ParseAsync(tooMany)).QuerySelector(".alert")!.TextContent;
        Assert.Contains("Nothing was imported", errors);
        Assert.Contains("allows 50 records; this would make 51", errors);
        Assert.Equal(45, await SolutionWorld.RecordCountAsync(World, world.Client));

        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, solutionId, 5)).StatusCode);
        Assert.Equal(50, await SolutionWorld.RecordCountAsync(World, world.Client));
    }

    [Fact]
    public async Task RefuseAnInvitationPastTheMemberLimitAndSendNone()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var second = await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = "second@people.test", ["Role"] = "Member" });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var third = await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = "third@people.test", ["Role"] = "Member" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, third.StatusCode);
        var message = (await PortalClient.ParseAsync(third)).QuerySelector("#limit-message")!.TextContent;
        Assert.Contains("allows 2 members; this would make 3", message);
        Assert.Contains(BillingWorld.ResellerSupport, message);
        Assert.False(await World.InTenantAsync(world.Client, db => db.Invitations.AnyAsync(i => i.Email == "third@people.test")));
        Assert.False(await World.GlobalAsync(db => db.Outbox.IgnoreQueryFilters(["Tenant"]).AnyAsync(m => m.ToAddress == "third@people.test")));
    }

    [Fact]
    public async Task RefuseACustomDomainTheFreePlanDoesNotIncludeAndAllowOneOnBasic()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var first = $"{TestWorld.UniqueSlug("book")}.example.test";

        var refused = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = first }, "/settings/domains");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("does not include custom domains", (await PortalClient.ParseAsync(refused)).QuerySelector("#domain-errors")!.TextContent);
        Assert.False(await World.GlobalAsync(db => db.OrganizationDomains.AnyAsync(d => d.Host == first)));

        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.BasicId);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = first }, "/settings/domains")).StatusCode);
        var second = $"{TestWorld.UniqueSlug("shop")}.example.test";
        var again = await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = second }, "/settings/domains");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("allows 1 custom domains; this would make 2", (await PortalClient.ParseAsync(again)).QuerySelector("#domain-errors")!.TextContent);
        Assert.False(await World.GlobalAsync(db => db.OrganizationDomains.AnyAsync(d => d.Host == second)));
    }

    [Fact]
    public async Task NameThePlatformAndThePlanPageToADirectClient()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Direct Co");
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, org, 50);
        using var client = await BillingWorld.SignedInAsync(Factory, org.Host, owner);

        var response = await client.PostFormAsync($"/solutions/{solutionId}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "One too many" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var message = (await PortalClient.ParseAsync(response)).QuerySelector("#limit-message")!.TextContent;
        Assert.Contains("Choose a bigger plan under Settings → Plan, or contact Cloudbase support.", message);
        await Factory.Smtp.WaitForMessageAsync(owner.Email!, m => m.Subject!.Contains("reached its plan limit"));
    }

    [Fact]
    public async Task EmailTheClientsAdminsAndACopyToTheResellerOncePerCrossing()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World, "Mailing Resellers", "Limited Dental");
        var clientAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(world.Client, clientAdmin, OrganizationRole.Admin);
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 49);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var form = $"/solutions/{solutionId}/tables/patients/record";

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Fiftieth" })).StatusCode);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Too many" })).StatusCode);
        }

        var toOwner = await Factory.Smtp.WaitForMessageAsync(world.ClientOwner.Email!, m => m.Subject!.Contains("reached its plan limit"));
        Assert.Equal("Limited Dental reached its plan limit", toOwner.Subject);
        Assert.Contains("Mailing Resellers manages your plan", toOwner.TextBody);
        Assert.Contains($"contact Mailing Resellers ({BillingWorld.ResellerSupport})", toOwner.TextBody);
        Assert.Contains("50 records", toOwner.TextBody);
        Assert.Contains($"http://{world.Client.Host}/settings/plan", toOwner.TextBody);
        Assert.Equal("Limited Dental", toOwner.From.Mailboxes.Single().Name);
        Assert.DoesNotContain("Cloudbase", toOwner.TextBody + toOwner.HtmlBody + toOwner.Subject);
        await Factory.Smtp.WaitForMessageAsync(clientAdmin.Email!, m => m.Subject == "Limited Dental reached its plan limit");
        var copy = await Factory.Smtp.WaitForMessageAsync(world.ResellerAdmin.Email!, m => m.Subject!.Contains("Limited Dental"));
        Assert.Equal("Copy: Limited Dental reached its plan limit", copy.Subject);
        Assert.Contains($"http://{world.Reseller.Host}/clients/{world.Client.Id}/plan", copy.TextBody);

        // Refused three times, announced once: one message per person.
        await Task.Delay(500);
        Assert.Equal(3, await OverLimitMessagesAsync(world));
        Assert.Single(await BillingWorld.AuditAsync(World, world.Client, "plan.limit_reached"));

        // Back under the limit (a record deleted), then over again: a new crossing, a new e-mail.
        var recordId = await World.InTenantAsync(world.Client, db => db.Set<PartnerPortal.Solutions.SolutionRecord>().Select(r => r.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{form}/{recordId}", new Dictionary<string, string>(), $"{form}/{recordId}?handler=Delete", formIndex: 0)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Fiftieth again" })).StatusCode);
        Assert.Null((await BillingWorld.SubscriptionAsync(World, world.Client))!.OverLimitSince);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Too many again" })).StatusCode);
        await WaitUntilAsync(async () => await OverLimitMessagesAsync(world) == 6);
        Assert.Equal(2, (await BillingWorld.AuditAsync(World, world.Client, "plan.limit_reached")).Count);
    }

    [Fact]
    public async Task EmailOncePerCrossingWhenRefusalsAndImportsInterleave()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World, "Interleaving Resellers", "Interleaved Dental");
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 40);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        var form = $"/solutions/{solutionId}/tables/patients/record";

        // Refused import (40 + 20), an import that fills the account to 50, then a refused record: one crossing.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ImportAsync(client, solutionId, 20)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, solutionId, 10)).StatusCode);
        Assert.NotNull((await BillingWorld.SubscriptionAsync(World, world.Client))!.OverLimitSince);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostFormAsync(form, new Dictionary<string, string> { ["f.name"] = "Too many" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ImportAsync(client, solutionId, 3)).StatusCode);

        await Factory.Smtp.WaitForMessageAsync(world.ResellerAdmin.Email!, m => m.Subject!.Contains("Interleaved Dental"));
        await Task.Delay(1500); // a second announcement would be in the outbox by now (the dispatcher polls every second)
        Assert.Equal(2, await OverLimitMessagesAsync(world)); // the owner and the reseller's copy, once each
        Assert.Single(await BillingWorld.AuditAsync(World, world.Client, "plan.limit_reached"));
        Assert.Equal(50, await SolutionWorld.RecordCountAsync(World, world.Client));
    }

    [Fact]
    public async Task ReadAtLimitAtFiftyOfFiftyAndOverLimitOnlyAboveIt()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 50);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostFormAsync($"/solutions/{solutionId}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Fifty-first" })).StatusCode);

        var (_, plan) = await client.GetPageAsync("/settings/plan");
        Assert.Equal("At limit", plan.QuerySelector(".status")!.TextContent.Trim());
        var (_, home) = await client.GetPageAsync("/dashboard");
        Assert.Equal("At limit", home.QuerySelector(".status")!.TextContent.Trim());

        // 51 records on a 50-record plan (a downgrade, say) is over it.
        await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 1);
        var (_, over) = await client.GetPageAsync("/settings/plan");
        Assert.Equal("Over limit", over.QuerySelector(".status")!.TextContent.Trim());
    }

    [Fact]
    public async Task SendTheResellersCopyToItsSupportAddressWhenItHasNoAdmins()
    {
        var support = $"{TestWorld.UniqueSlug("desk")}@reseller.test";
        var reseller = await World.CreateOrganizationAsync("Quiet Resellers", PartnerPortal.Accounts.OrganizationKind.Partner, configure: o => o.Branding.SupportEmail = support);
        var clientOrg = await World.CreateOrganizationAsync("Quiet Client", reseller: reseller);
        var owner = await World.CreateUserAsync();
        await World.AddMemberAsync(clientOrg, owner, OrganizationRole.Owner);
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, clientOrg, 50);
        using var client = await BillingWorld.SignedInAsync(Factory, clientOrg.Host, owner);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostFormAsync($"/solutions/{solutionId}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Too many" })).StatusCode);

        var copy = await Factory.Smtp.WaitForMessageAsync(support);
        Assert.Equal("Copy: Quiet Client reached its plan limit", copy.Subject);
    }

    [Fact]
    public async Task AllowEverythingDuringTheTrial()
    {
        var world = await BillingWorld.ResellerWithClientAsync(World);
        await BillingWorld.SubscribeAsync(World, world.Client, Plan.Seeded.FreeId, s => { s.TrialStartedAt = DateTime.UtcNow; s.TrialEndsAt = DateTime.UtcNow.AddDays(7); });
        var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, world.Client, 50);
        using var client = await BillingWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/solutions/{solutionId}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Fifty-first" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(client, solutionId, 20)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/domains", new Dictionary<string, string> { ["Domain"] = $"{TestWorld.UniqueSlug("trial")}.example.test" }, "/settings/domains")).StatusCode);
        foreach (var invitee in new[] { "a@people.test", "b@people.test", "c@people.test" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/settings/invitations", new Dictionary<string, string> { ["Email"] = invitee, ["Role"] = "Member" })).StatusCode);
        }

        Assert.Equal(71, await SolutionWorld.RecordCountAsync(World, world.Client));
        Assert.Null((await BillingWorld.SubscriptionAsync(World, world.Client))!.OverLimitSince);
    }

    private Task<int> OverLimitMessagesAsync(ResellerWithClient world) =>
        Task.FromResult(Factory.Smtp.Messages().Count(m => m.Subject!.Contains($"{world.Client.Name} reached its plan limit") == true));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 20 s.");
            await Task.Delay(100);
        }
    }

    private static async Task<HttpResponseMessage> ImportAsync(PortalClient client, Guid solutionId, int rows)
    {
        var csv = "Name\n" + string.Join("\n", Enumerable.Range(1, rows).Select(i => $"Imported {i}"));
        var preview = await SolutionsShould.ImportCsvAsync(client, solutionId, csv, confirm: false);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var run = (await PortalClient.ParseAsync(preview)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=run]")!.Value;
        var path = $"/solutions/{solutionId}/tables/patients/import";
        return await client.PostFormAsync(path, new Dictionary<string, string> { ["run"] = run }, $"{path}?handler=Import");
    }
}
