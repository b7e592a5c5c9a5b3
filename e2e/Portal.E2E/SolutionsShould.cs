using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.E2E.Hosting;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 5 in Chromium: on Contoso's own domain a builder makes a table with fields and an e-mail
/// rule, adds a record and the branded e-mail reaches the SMTP server; a member sees only the solution
/// assigned to them; Northwind sends its recipe to Fabrikam, whose admin previews and imports it.
/// </summary>
public sealed class SolutionsShould(MailingPortalFixture portal) : IClassFixture<MailingPortalFixture>
{
    private const string MemberEmail = "frontdesk@contoso-dental.test";
    private PortalHost Host => portal.Host;

    [Fact]
    public async Task BuildAndUseASolutionOnAClientsDomainAndShareARecipe()
    {
        await using var builderContext = await portal.NewContextAsync();
        var page = await builderContext.NewPageAsync();
        await portal.SignInAsync(page, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));

        await page.GotoAsync(Host.Url(DemoHosts.Contoso, "/solutions"));
        await Expect(page.Locator("nav[aria-label=Main]").GetByRole(AriaRole.Link, new() { Name = "Solutions" })).ToBeVisibleAsync();
        var solutionUrl = await SolutionBuilder.CreateAsync(page, "General", "Front desk");
        await SolutionBuilder.AddItemsFieldAsync(page, "Contact", "email");

        await page.Locator("summary", new() { HasText = "Add a rule" }).ClickAsync();
        await page.Locator("#ar-name").FillAsync("Welcome");
        await page.Locator("#ar-trigger").SelectOptionAsync("created");
        await page.Locator("#ar-action").SelectOptionAsync("email");
        await page.Locator("#ar-tofield").FillAsync("contact");
        await page.Locator("#ar-subject").FillAsync("Welcome to the front desk");
        await page.Locator("#ar-body").FillAsync("Hello {{ name }}, you are on our list.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Expect(page.Locator("section[aria-labelledby=rules]")).ToContainTextAsync("Welcome");
        await Screenshots.SaveAsync(page, "SolutionsShould.1-builder-table-fields-rule");

        // The solution opens on its records; publishing is one click away, under "Manage and share".
        await page.GotoAsync(solutionUrl);
        await page.Locator("nav[aria-label=Solution]").GetByRole(AriaRole.Link, new() { Name = "Manage and share" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish a new version" }).ClickAsync();
        await page.Locator("nav[aria-label=Solution]").GetByRole(AriaRole.Link, new() { Name = "Records" }).ClickAsync();
        await Expect(page.Locator("nav[aria-label=Tables]").GetByRole(AriaRole.Link, new() { Name = "Items" })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByRole(AriaRole.Link, new() { Name = "New record" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Ada Patient");
        await page.GetByLabel("Contact").FillAsync("ada@patients.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator("table.records")).ToContainTextAsync("Ada Patient");
        await Screenshots.SaveAsync(page, "SolutionsShould.2-records");

        var mail = await portal.Mailbox.WaitForAsync("ada@patients.test", TimeSpan.FromSeconds(60));
        Assert.Equal("Welcome to the front desk", mail.Subject);
        Assert.Equal("Contoso Dental", mail.From.Mailboxes.Single().Name);
        Assert.Contains("Hello Ada Patient", mail.HtmlBody ?? mail.TextBody ?? string.Empty);
        Assert.DoesNotContain("Cloudbase", mail.HtmlBody + mail.TextBody + mail.From);
        var mailPage = await builderContext.NewPageAsync();
        await mailPage.SetContentAsync(mail.HtmlBody ?? mail.TextBody ?? string.Empty);
        await Screenshots.SaveAsync(mailPage, "SolutionsShould.3-rule-email");

        // A member of the workspace, assigned to the new solution only.
        await AddWorkspaceMemberAsync();
        await page.GotoAsync(solutionUrl + "/manage");
        await page.GetByLabel("E-mail of a workspace member").FillAsync(MemberEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(page.Locator("section[aria-labelledby=people]")).ToContainTextAsync(MemberEmail);

        await using (var memberContext = await portal.NewContextAsync())
        {
            var member = await memberContext.NewPageAsync();
            await portal.SignInAsync(member, DemoHosts.Contoso, MemberEmail);
            await member.GotoAsync(Host.Url(DemoHosts.Contoso, "/solutions"));
            await Expect(member.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Front desk" })).ToBeVisibleAsync();
            await Expect(member.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Appointments" })).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(member, "SolutionsShould.4-member-sees-assigned-only");
        }

        // Northwind sends its recipe to Fabrikam; Fabrikam's admin previews and imports it.
        await using (var partnerContext = await portal.NewContextAsync())
        {
            var partner = await partnerContext.NewPageAsync();
            await portal.SignInAsync(partner, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));
            await partner.GotoAsync(Host.Url(DemoHosts.Northwind, "/solutions"));
            await partner.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Dental appointments" }).ClickAsync();
            await partner.Locator("nav[aria-label=Solution]").GetByRole(AriaRole.Link, new() { Name = "Manage and share" }).ClickAsync();
            await partner.GetByLabel("Send a copy to").SelectOptionAsync(new SelectOptionValue { Label = "Fabrikam Fitness" });
            await partner.GetByRole(AriaRole.Button, new() { Name = "Send a copy" }).ClickAsync();
            await Expect(partner.Locator("main")).ToContainTextAsync("The copy was sent");
            await Screenshots.SaveAsync(partner, "SolutionsShould.5-partner-sends-recipe");
        }

        await using (var clientContext = await portal.NewContextAsync())
        {
            var client = await clientContext.NewPageAsync();
            await portal.SignInAsync(client, DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"));
            await client.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/solutions/shares"));
            await client.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Dental appointments" }).ClickAsync();
            var preview = client.Locator("section[aria-labelledby=preview]");
            await Expect(preview).ToContainTextAsync("Patients");
            await Expect(preview).ToContainTextAsync("Appointments");
            await Expect(preview).ToContainTextAsync("From Northwind Partners");
            await Screenshots.SaveAsync(client, "SolutionsShould.6-client-previews-share");
            await preview.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
            await Expect(client.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dental appointments");
            await Expect(client.Locator("main")).ToContainTextAsync("Northwind Partners");
            await Screenshots.SaveAsync(client, "SolutionsShould.7-client-imported-copy");
        }

        Host.Errors.AssertNone();
    }

    /// <summary>Set-up, not the journey: a Contoso member in the General workspace (invitations have their own journeys).</summary>
    private async Task AddWorkspaceMemberAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = new PortalUser { Email = MemberEmail, UserName = MemberEmail, EmailConfirmed = true, DisplayName = "Front desk" };
        Assert.True((await services.GetRequiredService<UserManager<PortalUser>>().CreateAsync(user, DemoData.Password)).Succeeded);
        var db = services.GetRequiredService<PortalDbContext>();
        var contoso = await db.Organizations.AsNoTracking().SingleAsync(o => o.Slug == "contoso");
        using (services.GetRequiredService<ITenantContext>().Change(await services.GetRequiredService<ITenantStore>().FindByIdAsync(contoso.Id)))
        {
            var general = await db.Workspaces.Where(w => w.Name == "General").Select(w => w.Id).SingleAsync();
            db.Memberships.Add(new Membership { UserId = user.Id, Role = OrganizationRole.Member, CreatedAt = DateTime.UtcNow });
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = general, UserId = user.Id, Role = WorkspaceRole.Member, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
    }
}
