using System.Globalization;
using System.Text;
using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 6 in Chromium, with mail at a real SMTP server: the reseller creates a client and its admin
/// gets the activation e-mail in the reseller's branding; the reseller logs in as the new client,
/// sees the banner on the client's host, goes back to the dashboard and downloads the list; a free
/// client reaches its record limit, is refused with the reseller's contact, and both over-limit
/// e-mails arrive. (Changing a client's colour and the owner's access history: <see cref="LogInAsClientShould"/>.)
/// </summary>
public sealed class ResellerJourneyShould(MailingPortalFixture portal) : IClassFixture<MailingPortalFixture>
{
    private PortalHost Host => portal.Host;

    [Fact]
    public async Task CreateAClientLogInAsItExportTheListAndStopAFreeClientAtItsLimit()
    {
        var context = await portal.NewContextAsync();
        var reseller = await context.NewPageAsync();
        await portal.SignInAsync(reseller, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));

        // Create a client: it starts on the free plan, and its admin is invited in the reseller's branding.
        await reseller.GotoAsync(Host.Url(DemoHosts.Northwind, "/clients"));
        await reseller.GetByRole(AriaRole.Link, new() { Name = "New client" }).ClickAsync();
        await reseller.GetByLabel("Name").FillAsync("Harbor Yoga");
        await reseller.GetByLabel("Subdomain").FillAsync("harbor-yoga");
        await reseller.GetByLabel("Admin e-mail").FillAsync("admin@harbor-yoga.test");
        await Screenshots.SaveAsync(reseller, "ResellerJourneyShould.1-new-client");
        await reseller.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        var activation = await portal.Mailbox.WaitForAsync("admin@harbor-yoga.test", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("Cloudbase", activation.HtmlBody + activation.TextBody + activation.Subject + activation.From);
        Assert.Contains("harbor-yoga.portal.localhost", activation.HtmlBody);

        await reseller.GotoAsync(Host.Url(DemoHosts.Northwind, "/clients?q=Harbor"));
        var row = reseller.Locator("tbody tr", new() { HasText = "Harbor Yoga" });
        await Expect(row).ToContainTextAsync("Free");
        await Screenshots.SaveAsync(reseller, "ResellerJourneyShould.2-dashboard-with-new-client");

        // Log in as the new client: its own host, with the banner.
        await row.GetByRole(AriaRole.Button, new() { Name = "Log in as Harbor Yoga" }).ClickAsync();
        await reseller.WaitForURLAsync(url => new Uri(url).Host == "harbor-yoga.portal.localhost");
        var banner = reseller.Locator("aside.impersonation-banner");
        await Expect(banner).ToContainTextAsync("Logged in as reseller Northwind Partners");
        await Screenshots.SaveAsync(reseller, "ResellerJourneyShould.3-logged-in-as-harbor-yoga");
        await banner.GetByRole(AriaRole.Button, new() { Name = "Back to dashboard" }).ClickAsync();
        await reseller.WaitForURLAsync(url => new Uri(url).Host == DemoHosts.Northwind);

        // Export the list: a CSV download naming every client, the new one included.
        var download = await reseller.RunAndWaitForDownloadAsync(() => reseller.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
        Assert.Contains("Harbor Yoga", csv);
        Assert.Contains("Contoso Dental", csv);
        Assert.Contains("Fabrikam Fitness", csv);

        // A free client (Fabrikam: 50 records) fills its plan by CSV import, then a 51st record is refused.
        var owner = await (await portal.NewContextAsync()).NewPageAsync();
        await portal.SignInAsync(owner, DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"));
        await owner.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/solutions"));
        await owner.GetByRole(AriaRole.Link, new() { Name = "Class bookings" }).First.ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Bookings" }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "Import CSV" }).ClickAsync();
        var rows = new StringBuilder("Member,Class\n");
        for (var i = 1; i <= 50; i++) rows.Append(CultureInfo.InvariantCulture, $"Member {i},Yoga\n");
        await owner.GetByLabel("CSV or Excel file").SetInputFilesAsync(new FilePayload { Name = "bookings.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(rows.ToString()) });
        await owner.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        // A refused file says why in an alert: fail with its words rather than a missing button.
        await Expect(owner.Locator("main [role=alert]")).ToHaveCountAsync(0);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Import 50 rows" }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "New record" }).ClickAsync();
        await owner.GetByLabel("Member (required)").FillAsync("Member 51");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var refusal = owner.Locator("#limit-message");
        await Expect(refusal).ToContainTextAsync("Northwind Partners");
        await Expect(owner.GetByLabel("Member (required)")).ToHaveValueAsync("Member 51");
        await Screenshots.SaveAsync(owner, "ResellerJourneyShould.4-record-limit-refused");

        var toClient = await portal.Mailbox.WaitForAsync(Demo.OwnerOf("Fabrikam Fitness"), TimeSpan.FromSeconds(60));
        var toReseller = await portal.Mailbox.WaitForAsync(Demo.OwnerOf("Northwind Partners"), TimeSpan.FromSeconds(60));
        Assert.Contains("Fabrikam Fitness", toReseller.HtmlBody + toReseller.TextBody);
        foreach (var message in new[] { toClient, toReseller })
        {
            Assert.DoesNotContain("Cloudbase", message.HtmlBody + message.TextBody + message.Subject + message.From);
        }

        await owner.Context.CloseAsync();
        await context.CloseAsync();
    }
}
