using PartnerPortal.Files;
using PartnerPortal.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 13 in Chromium (S4, S7): Northwind protects "Dental appointments", sends a copy to Fabrikam,
/// publishes version 2 with a new field and a removed one and pushes it to Contoso's and Fabrikam's
/// copies. Contoso's admin sees the changes and applies them, every record kept; Fabrikam's admin
/// declines; Northwind sees both outcomes; a protected copy offers no export.
/// </summary>
public sealed class RecipeUpdatesShould(MailingPortalFixture portal) : IClassFixture<MailingPortalFixture>
{
    private PortalHost Host => portal.Host;

    [Fact]
    public async Task PushAVersionThatOneClientAppliesAndAnotherDeclines()
    {
        await using var partnerContext = await portal.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        await portal.SignInAsync(partner, DemoHosts.Northwind, Demo.OwnerOf("Northwind Partners"));
        await partner.GotoAsync(Host.Url(DemoHosts.Northwind, "/solutions"));
        await partner.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Dental appointments" }).ClickAsync();
        var recipeUrl = partner.Url;
        await partner.Locator("nav[aria-label=Solution]").GetByRole(AriaRole.Link, new() { Name = "Manage and share" }).ClickAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Protect copies" }).ClickAsync();
        await Expect(partner.Locator("[role=status]", new() { HasText = "Copies are protected" })).ToBeVisibleAsync();
        await partner.GetByLabel("Send a copy to").SelectOptionAsync(new SelectOptionValue { Label = "Fabrikam Fitness" });
        await partner.GetByRole(AriaRole.Button, new() { Name = "Send a copy" }).ClickAsync();
        await Expect(partner.Locator("section[aria-labelledby=copies-out] tbody")).ToContainTextAsync("Fabrikam Fitness");

        await using var fabrikamContext = await portal.NewContextAsync();
        var fabrikam = await fabrikamContext.NewPageAsync();
        await portal.SignInAsync(fabrikam, DemoHosts.Fabrikam, Demo.OwnerOf("Fabrikam Fitness"));
        var shared = await portal.Mailbox.WaitForAsync(Demo.OwnerOf("Fabrikam Fitness"), m => m.Subject == "Northwind Partners sent you Dental appointments", TimeSpan.FromSeconds(60));
        Assert.Equal("Fabrikam Fitness", shared.From.Mailboxes.Single().Name);
        await fabrikam.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/solutions/shares"));
        await fabrikam.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Dental appointments" }).ClickAsync();
        await Expect(fabrikam.Locator("section[aria-labelledby=preview]")).ToContainTextAsync("Northwind Partners protects this solution");
        await fabrikam.Locator("section[aria-labelledby=preview]").GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(fabrikam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dental appointments");
        await fabrikam.Locator("nav[aria-label=Solution]").GetByRole(AriaRole.Link, new() { Name = "Manage and share" }).ClickAsync();
        await Expect(fabrikam.Locator("main")).ToContainTextAsync("is protected by Northwind Partners");
        await Expect(fabrikam.GetByRole(AriaRole.Link, new() { Name = "Export package" })).ToHaveCountAsync(0);
        await Expect(fabrikam.GetByRole(AriaRole.Button, new() { Name = "Duplicate" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(fabrikam, "RecipeUpdatesShould.1-protected-copy-offers-no-export");

        // Version 2: Patients gain "Insurance number" and lose "Date of birth".
        await partner.GotoAsync(recipeUrl + "/builder");
        await partner.Locator("summary", new() { HasText = "Add a field to Patients" }).ClickAsync();
        await partner.Locator("#af-name-patients").FillAsync("Insurance number");
        await partner.Locator("#af-type-patients").SelectOptionAsync("text");
        await partner.Locator("form[action*=AddField]", new() { Has = partner.Locator("#af-name-patients") }).GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await Expect(partner.Locator("main")).ToContainTextAsync("Insurance number");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Remove Date of birth", Exact = true }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Button, new() { Name = "Remove Date of birth", Exact = true })).ToHaveCountAsync(0);
        await partner.GotoAsync(recipeUrl + "/manage");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Publish a new version" }).ClickAsync();
        await Expect(partner.Locator("[role=status]", new() { HasText = "Version 2 is published." })).ToBeVisibleAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Push version 2 to the chosen copies" }).ClickAsync();
        await Expect(partner.Locator("[role=status]", new() { HasText = "Version 2 was pushed to 2 copies" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(partner, "RecipeUpdatesShould.2-partner-pushed-version-2");

        // Contoso's admin is told by e-mail in Contoso's branding, sees what changes and applies it.
        await using var contosoContext = await portal.NewContextAsync();
        var contoso = await contosoContext.NewPageAsync();
        var told = await portal.Mailbox.WaitForAsync(Demo.OwnerOf("Contoso Dental"), m => m.Subject == "Northwind Partners sent version 2 of Dental appointments", TimeSpan.FromSeconds(60));
        Assert.Equal("Contoso Dental", told.From.Mailboxes.Single().Name);
        await portal.SignInAsync(contoso, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));
        await contoso.GotoAsync(Host.Url(DemoHosts.Contoso, "/solutions"));
        await contoso.GetByRole(AriaRole.Link, new() { Name = "1 update of your solutions" }).ClickAsync();
        await contoso.GetByRole(AriaRole.Link, new() { Name = "Appointments: version 2 of Dental appointments" }).ClickAsync();
        var changes = contoso.Locator("main");
        await Expect(changes).ToContainTextAsync("Added field Insurance number: Empty in your 10 records.");
        await Expect(changes).ToContainTextAsync("Removed field Date of birth: Its values in 10 records are kept and shown on each record as kept values.");
        await Screenshots.SaveAsync(contoso, "RecipeUpdatesShould.3-client-sees-the-changes");
        await contoso.GetByRole(AriaRole.Button, new() { Name = "Apply the update" }).ClickAsync();
        await Expect(contoso.Locator("[role=status]", new() { HasText = "is applied; every record is kept" })).ToBeVisibleAsync();
        await Expect(contoso.Locator("table.records tbody tr")).ToHaveCountAsync(10);
        await contoso.Locator("table.records tbody tr").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(contoso.Locator(".kept-values")).ToContainTextAsync("Date of birth");
        await Screenshots.SaveAsync(contoso, "RecipeUpdatesShould.4-client-record-keeps-removed-value");

        // Fabrikam's admin declines.
        await fabrikam.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/solutions/updates"));
        await fabrikam.GetByRole(AriaRole.Link, new() { Name = "Dental appointments: version 2 of Dental appointments" }).ClickAsync();
        await fabrikam.GetByRole(AriaRole.Button, new() { Name = "Decline" }).ClickAsync();
        await Expect(fabrikam.Locator("[role=status]", new() { HasText = "You declined version 2" })).ToBeVisibleAsync();

        // Northwind sees both outcomes.
        await partner.ReloadAsync();
        var copies = partner.Locator("section[aria-labelledby=copies-out] tbody");
        await Expect(copies.Locator("tr", new() { HasText = "Contoso Dental" })).ToContainTextAsync("v2 applied");
        await Expect(copies.Locator("tr", new() { HasText = "Contoso Dental" })).ToContainTextAsync("v2");
        await Expect(copies.Locator("tr", new() { HasText = "Fabrikam Fitness" })).ToContainTextAsync("v2 declined");
        await Screenshots.SaveAsync(partner, "RecipeUpdatesShould.5-partner-sees-applied-and-declined");

        // Contoso's Basic plan holds 5,000 records: Northwind moves it to Pro (no record limit) first.
        await partner.GotoAsync(Host.Url(DemoHosts.Northwind, "/clients"));
        await partner.GetByRole(AriaRole.Link, new() { Name = "Plan of Contoso Dental" }).ClickAsync();
        await partner.GetByRole(AriaRole.Radio, new() { Name = "Pro" }).CheckAsync();
        await partner.GetByRole(AriaRole.Button, new() { Name = "Change plan" }).ClickAsync();
        await partner.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "Change the plan" }).ClickAsync();
        await Expect(partner.Locator("main")).ToContainTextAsync("The plan was changed.");

        // Contoso's admin imports a 20,000-row Excel file into the updated Patients table, watching its progress.
        await contoso.GotoAsync(Host.Url(DemoHosts.Contoso, "/solutions"));
        await contoso.GetByRole(AriaRole.Link, new() { Name = "Appointments", Exact = true }).First.ClickAsync();
        await contoso.GetByRole(AriaRole.Link, new() { Name = "Patients", Exact = true }).First.ClickAsync();
        await contoso.GetByRole(AriaRole.Link, new() { Name = "Import CSV or Excel" }).ClickAsync();
        await contoso.GetByLabel("CSV or Excel file").SetInputFilesAsync(new FilePayload
        {
            Name = "patients.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = await WorkbookAsync(ImportedPatients),
        });
        await contoso.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await contoso.GetByRole(AriaRole.Button, new() { Name = $"Import {ImportedPatients:N0} rows" }).ClickAsync();
        await Expect(contoso.Locator("progress[aria-label='Rows imported']")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(contoso, "RecipeUpdatesShould.6-client-import-progress");
        await Expect(contoso.Locator("[role=status]", new() { HasText = $"Done: {ImportedPatients:N0} rows imported." })).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await contoso.GetByRole(AriaRole.Link, new() { Name = "See the records of Patients" }).ClickAsync();
        await contoso.GetByLabel("Search").FillAsync("Imported 19999");
        await contoso.GetByLabel("Search").PressAsync("Enter");
        await Expect(contoso.Locator("table.records tbody tr")).ToHaveCountAsync(1);
        await Expect(contoso.Locator("table.records tbody")).ToContainTextAsync("imported19999@contoso-dental.test");
        await Screenshots.SaveAsync(contoso, "RecipeUpdatesShould.7-client-sees-imported-rows");

        Host.Errors.AssertNone();
    }

    private const int ImportedPatients = 20_000;

    /// <summary>An Excel workbook of patients with the updated table's columns, written by the portal's own .xlsx writer.</summary>
    private static async Task<byte[]> WorkbookAsync(int rows)
    {
        using var file = new MemoryStream();
        await using (var writer = TableFileWriter.Create(file, TableFileFormat.Xlsx, "Patients"))
        {
            await writer.WriteRowAsync(["Name", "E-mail", "Phone", "Insurance number"], CancellationToken.None);
            for (var i = 0; i < rows; i++)
            {
                await writer.WriteRowAsync([$"Imported {i}", $"imported{i}@contoso-dental.test", $"+31 20 556 {i:00000}", $"INS-{i}"], CancellationToken.None);
            }
        }

        return file.ToArray();
    }
}
