using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A1: every platform-admin action lands in the platform audit, and the platform's audit viewer
/// filters by who, what and when, searches, pages and exports.
/// </summary>
public sealed class PlatformAuditShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task RecordSignInsMarkingPartnersAndCreatingOrganizations()
    {
        var org = await World.CreateOrganizationAsync("Promoted Co");
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        await platform.SignInAsync(admin.Email!);

        var marked = await platform.PostFormAsync("/platform/organizations", new Dictionary<string, string> { ["organizationId"] = org.Id.ToString() }, "/platform/organizations?handler=MarkPartner");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var slug = TestWorld.UniqueSlug("audited");
        var created = await platform.PostFormAsync("/platform/organizations/create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Audited Co", ["Input.Slug"] = slug, ["Input.Kind"] = "Client", ["Input.OwnerEmail"] = $"{slug}@owner.test",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        // A refused form changes nothing, so it records nothing either.
        var refused = await platform.PostFormAsync("/platform/organizations/create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Again", ["Input.Slug"] = slug, ["Input.Kind"] = "Client", ["Input.OwnerEmail"] = $"{slug}@owner.test",
        });
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);

        var entries = await EntriesOfAsync(admin.Email!);
        Assert.Equal(["signin.succeeded", "platform.partner_marked", "platform.organization_created"], entries.Select(e => e.Action));
        Assert.Equal(org.Id, entries[1].OrganizationId);
        Assert.Equal("Marked Promoted Co as a partner", entries[1].Detail);
        Assert.Contains($"Audited Co ({slug}) for {slug}@owner.test", entries[2].Detail);
        Assert.All(entries, e => Assert.Equal(admin.Id, e.UserId));

        // The viewer shows them in words.
        var (_, page) = await platform.GetPageAsync($"/platform/audit?actor={Uri.EscapeDataString(admin.Email!)}");
        var actions = page.QuerySelectorAll("main table tbody tr td:nth-child(2)").Select(c => c.TextContent).ToList();
        Assert.Equal(["Created an organization", "Marked an organization as a partner", "Signed in"], actions);
        Assert.NotNull(page.QuerySelector("nav a[href='/platform/audit']"));
    }

    [Fact]
    public async Task FilterSearchPageAndExport()
    {
        var (busy, quiet) = ($"{TestWorld.UniqueSlug("busy")}@ops.test", $"{TestWorld.UniqueSlug("quiet")}@ops.test");
        await World.GlobalAsync(async db =>
        {
            for (var i = 0; i < 55; i++) db.PlatformAudit.Add(Entry(busy, "platform.plan_changed", $"Plan {i} is offered again", new DateTime(2026, 1, 10, 9, 0, i, DateTimeKind.Utc)));
            db.PlatformAudit.Add(Entry(quiet, "platform.partner_marked", "Marked Northwind Special as a partner", new DateTime(2026, 2, 10, 9, 0, 0, DateTimeKind.Utc)));
            db.PlatformAudit.Add(Entry(quiet, "platform.partner_marked", "=HYPERLINK(\"http://evil.test\")", new DateTime(2026, 2, 12, 9, 0, 0, DateTimeKind.Utc)));
            db.PlatformAudit.Add(Entry(quiet, "platform.plan_changed", "Basic, \"quoted\", is the default", new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc)));
            return await db.SaveChangesAsync();
        });
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        await platform.SignInAsync(admin.Email!);

        // Who, paged by 50, newest first.
        var (first, firstPage) = await platform.GetPageAsync($"/platform/audit?actor={Uri.EscapeDataString(busy)}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(AuditModelPageSize, firstPage.QuerySelectorAll("main table tbody tr").Length);
        Assert.Contains("Plan 54 is offered again", firstPage.QuerySelector("main table tbody tr")!.TextContent);
        var older = firstPage.QuerySelectorAll("nav.subnav a").Single(a => a.TextContent == "Older").GetAttribute("href")!;
        var (_, secondPage) = await platform.GetPageAsync(older);
        Assert.Equal(5, secondPage.QuerySelectorAll("main table tbody tr").Length);
        Assert.Contains(secondPage.QuerySelectorAll("#audit-actor option"), o => o.TextContent == busy && o.HasAttribute("selected"));

        // What and when.
        Assert.Equal(2, await RowsAsync(platform, $"/platform/audit?actor={Uri.EscapeDataString(quiet)}&action=platform.partner_marked"));
        Assert.Equal(2, await RowsAsync(platform, $"/platform/audit?actor={Uri.EscapeDataString(quiet)}&from=2026-02-01&to=2026-02-28"));
        Assert.Equal(1, await RowsAsync(platform, $"/platform/audit?actor={Uri.EscapeDataString(quiet)}&to=2026-02-10"));
        // Search, in the details and the addresses.
        Assert.Equal(1, await RowsAsync(platform, "/platform/audit?q=northwind+special"));
        Assert.Equal(3, await RowsAsync(platform, $"/platform/audit?q={Uri.EscapeDataString(quiet)}"));

        // Days the wrong way round: said on the page.
        var (backwards, backwardsPage) = await platform.GetPageAsync("/platform/audit?from=2026-03-01&to=2026-02-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("The first day comes after the last day", backwardsPage.QuerySelector("#audit-error")!.TextContent);

        // The export keeps the filters, quotes what needs quoting and never hands a spreadsheet a formula.
        var link = (await platform.GetPageAsync($"/platform/audit?actor={Uri.EscapeDataString(quiet)}")).Document.QuerySelector("a[download]")!.GetAttribute("href")!;
        var export = await platform.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.True(export.Headers.CacheControl!.NoStore);
        var lines = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"When (UTC)\",\"Action\",\"Who\",\"Organization\",\"Detail\",\"From\"", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("\"2026-03-01 09:00:00\",\"Changed a plan\"", lines[1]);
        Assert.Contains("\"Basic, \"\"quoted\"\", is the default\"", lines[1]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.test\"\")\"", lines[2]);
    }

    private const int AuditModelPageSize = PartnerPortal.Web.Areas.Platform.Pages.Audit.AuditModel.PageSize;

    private static PlatformAuditEntry Entry(string who, string action, string detail, DateTime at) =>
        new() { TenantId = IMayBelongToPlatform.Platform, Action = action, UserEmail = who, Detail = detail, At = at };

    private static async Task<int> RowsAsync(PortalClient client, string path)
    {
        var (response, page) = await client.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelectorAll("main table tbody tr").Length;
    }

    private Task<List<PlatformAuditEntry>> EntriesOfAsync(string email) =>
        World.GlobalAsync(db => db.PlatformAudit.IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(a => a.UserEmail == email).OrderBy(a => a.Id).ToListAsync());
}
