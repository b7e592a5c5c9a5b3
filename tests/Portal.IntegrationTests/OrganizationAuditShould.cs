using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// Issue 15: the organization's audit log (<c>/settings/audit</c>) filters by who, what and when,
/// searches, pages and exports like the platform's, and never shows or exports another organization's entries.
/// </summary>
public sealed class OrganizationAuditShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task FilterSearchPageAndExportOnlyThisOrganizationsEntries()
    {
        var (mine, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (theirs, _) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var (busy, quiet) = ($"{TestWorld.UniqueSlug("busy")}@people.test", $"{TestWorld.UniqueSlug("quiet")}@people.test");
        await World.InTenantAsync(mine, db =>
        {
            for (var i = 0; i < 55; i++) db.AuditEntries.Add(Entry(busy, "member.role_changed", $"Role change {i}", new DateTime(2026, 1, 10, 9, 0, i, DateTimeKind.Utc)));
            db.AuditEntries.Add(Entry(quiet, "member.removed", "Removed Ada Lovelace", new DateTime(2026, 2, 10, 9, 0, 0, DateTimeKind.Utc)));
            db.AuditEntries.Add(Entry(quiet, "member.removed", "=HYPERLINK(\"http://evil.test\")", new DateTime(2026, 2, 12, 9, 0, 0, DateTimeKind.Utc)));
            return db.SaveChangesAsync();
        });
        await World.InTenantAsync(theirs, db =>
        {
            db.AuditEntries.Add(Entry(quiet, "member.removed", "Their secret removal", new DateTime(2026, 2, 11, 9, 0, 0, DateTimeKind.Utc)));
            return db.SaveChangesAsync();
        });
        using var client = Factory.ClientFor(mine.Host);
        await client.SignInAsync(owner.Email!);

        // Who, paged by 50, newest first; the filters stay in the paging links.
        var (_, first) = await client.GetPageAsync($"/settings/audit?actor={Uri.EscapeDataString(busy)}");
        Assert.Equal(50, first.QuerySelectorAll("main table tbody tr").Length);
        Assert.Contains("Role change 54", first.QuerySelector("main table tbody tr")!.TextContent);
        var older = first.QuerySelectorAll("nav.subnav a").Single(a => a.TextContent == "Older").GetAttribute("href")!;
        Assert.Equal(5, (await client.GetPageAsync(older)).Document.QuerySelectorAll("main table tbody tr").Length);

        // What, when and a search; another organization's entry by the same person never shows.
        Assert.Equal(2, await RowsAsync(client, $"/settings/audit?actor={Uri.EscapeDataString(quiet)}&action=member.removed"));
        Assert.Equal(1, await RowsAsync(client, $"/settings/audit?actor={Uri.EscapeDataString(quiet)}&from=2026-02-11"));
        Assert.Equal(1, await RowsAsync(client, "/settings/audit?q=ada+lovelace"));
        Assert.Equal(0, await RowsAsync(client, "/settings/audit?q=their+secret"));
        Assert.Contains(first.QuerySelectorAll("#audit-action option"), o => o.TextContent == "Changed a member's role");

        var (backwards, backwardsPage) = await client.GetPageAsync("/settings/audit?from=2026-03-01&to=2026-02-01");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("The first day comes after the last day", backwardsPage.QuerySelector("#audit-error")!.TextContent);

        // The export keeps the filters, is this organization's only, and never hands a spreadsheet a formula.
        var link = (await client.GetPageAsync($"/settings/audit?actor={Uri.EscapeDataString(quiet)}")).Document.QuerySelector("a[download]")!.GetAttribute("href")!;
        var export = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.True(export.Headers.CacheControl!.NoStore);
        var lines = (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"When (UTC)\",\"Action\",\"Who\",\"Acting as\",\"Detail\",\"From\"", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("\"2026-02-12 09:00:00\",\"Removed a member\"", lines[1]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.test\"\")\"", lines[1]);
        Assert.DoesNotContain(lines, l => l.Contains("Their secret removal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportNothingToAMemberWhoIsNotAnOwner()
    {
        var (org, member) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(member.Email!);
        var export = await client.GetAsync("/settings/audit?handler=Export");
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.DoesNotContain("When (UTC)", await export.Content.ReadAsStringAsync());
    }

    private static AuditEntry Entry(string who, string action, string detail, DateTime at) =>
        new() { Action = action, UserEmail = who, Detail = detail, At = at };

    private static async Task<int> RowsAsync(PortalClient client, string path)
    {
        var (response, page) = await client.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelectorAll("main table tbody tr").Length;
    }
}
