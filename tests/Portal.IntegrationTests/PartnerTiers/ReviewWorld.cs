using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.PartnerTiers.Ledger;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// For the reviews' tests (deals, case studies, disputes): two partners (each with an owner, an admin and a member, in their own branding), a client with
/// its owner, and a platform admin, fresh for each test: deals, case studies and disputes between them.
/// </summary>
public sealed record ReviewWorld(
    TestOrganization Partner,
    PortalUser Owner,
    PortalUser Admin,
    PortalUser Member,
    TestOrganization OtherPartner,
    PortalUser OtherOwner,
    TestOrganization Client,
    PortalUser ClientOwner,
    PortalUser PlatformAdmin)
{
    public static async Task<ReviewWorld> CreateAsync(TestWorld world, string partnerName = "Northwind Program")
    {
        var partner = await world.CreateOrganizationAsync(partnerName, OrganizationKind.Partner, configure: o =>
        {
            o.Branding.MailFromName = partnerName;
            o.Branding.PrimaryColor = "#4338CA";
        });
        var owner = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, owner, OrganizationRole.Owner);
        var admin = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, admin, OrganizationRole.Admin);
        var member = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, member, OrganizationRole.Member);
        var other = await world.CreateOrganizationAsync("Adventure Program", OrganizationKind.Partner);
        var otherOwner = await world.CreateUserAsync();
        await world.AddMemberAsync(other, otherOwner, OrganizationRole.Owner);
        var client = await world.CreateOrganizationAsync("Client of the program", reseller: partner);
        var clientOwner = await world.CreateUserAsync();
        await world.AddMemberAsync(client, clientOwner, OrganizationRole.Owner);
        var platformAdmin = await world.CreateUserAsync(platformAdmin: true);
        return new ReviewWorld(partner, owner, admin, member, other, otherOwner, client, clientOwner, platformAdmin);
    }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string host, PortalUser user)
    {
        var client = factory.ClientFor(host);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!)).StatusCode);
        return client;
    }

    public Task<PortalClient> PlatformAsync(PortalFactory factory) => SignedInAsync(factory, PortalFactory.PlatformDomain, PlatformAdmin);

    /// <summary>A ledger entry of <paramref name="partner"/> as the recalculation would write it.</summary>
    public static Task<LedgerEntry> EntryAsync(TestWorld world, TestOrganization partner, decimal points = 12m, string description = "Sold MRR of Contoso Clinic, 1,200.00 USD") =>
        world.InTenantAsync(partner, async db =>
        {
            var month = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
            var entry = new LedgerEntry
            {
                Period = month,
                Source = PointSource.SoldMrr,
                SourceKey = $"sold:{Guid.NewGuid()}",
                Points = points,
                Mrr = 1200m,
                MrrCurrency = "USD",
                ProgramMrr = 1200m,
                AccountName = "Contoso Clinic",
                Description = description,
                CreatedAt = DateTime.UtcNow,
            };
            db.Add(entry);
            await db.SaveChangesAsync();
            return entry;
        });

    public static Task<List<string>> AuditAsync(TestWorld world, TestOrganization org, string prefix) =>
        world.InTenantAsync(org, db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith(prefix)).OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToListAsync());

    /// <summary>The text of an element of a page answered with <paramref name="response"/>.</summary>
    public static async Task<string> TextOfAsync(HttpResponseMessage response, string selector) =>
        (await PortalClient.ParseAsync(response)).QuerySelector(selector)?.TextContent.Trim() ?? $"(no {selector} on the page: {(int)response.StatusCode})";

    /// <summary>Follows a redirect and returns the notice the page shows.</summary>
    public static async Task<string> NoticeAfterAsync(PortalClient client, HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)redirect.StatusCode}: {await TextOfAsync(redirect, "#form-error")}");
        var (_, page) = await client.GetPageAsync(redirect.Headers.Location!.OriginalString);
        return page.QuerySelector("main .notice")?.TextContent ?? "(no notice)";
    }
}
