using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>
/// A partner with its admin and a certified consultant, and a client with its owner and its
/// "General" workspace, fresh for each test (names unique, so no test sees another's rows).
/// </summary>
public sealed record SeatsWorld(
    TestOrganization Partner,
    PortalUser PartnerAdmin,
    PortalUser Consultant,
    TestOrganization Client,
    PortalUser ClientOwner,
    Guid Workspace)
{
    public const string Level = "Certified consultant";

    public static async Task<SeatsWorld> CreateAsync(TestWorld world, bool certified = true, string partnerName = "Northwind Consulting", string clientName = "Contoso Clinic")
    {
        var partner = await world.CreateOrganizationAsync(partnerName, OrganizationKind.Partner, configure: o =>
        {
            o.Branding.MailFromName = partnerName;
            o.Branding.PrimaryColor = "#4338CA";
        });
        var partnerAdmin = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, partnerAdmin, OrganizationRole.Owner);
        var consultant = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, consultant, OrganizationRole.Member);
        if (certified) await CertifyAsync(world, partner, consultant, Today.AddYears(1));

        var client = await world.CreateOrganizationAsync(clientName, configure: o =>
        {
            o.Branding.MailFromName = clientName;
            o.Branding.PrimaryColor = "#0E7C86";
        });
        var owner = await world.CreateUserAsync();
        await world.AddMemberAsync(client, owner, OrganizationRole.Owner);
        var workspace = await WorkspaceOfAsync(world, client);
        return new SeatsWorld(partner, partnerAdmin, consultant, client, owner, workspace);
    }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static Task<Guid> WorkspaceOfAsync(TestWorld world, TestOrganization org) =>
        world.InTenantAsync(org, db => db.Workspaces.OrderBy(w => w.CreatedAt).Select(w => w.Id).FirstAsync());

    public static Task<ConsultantCertification> CertifyAsync(TestWorld world, TestOrganization partner, PortalUser user, DateOnly validUntil, string level = Level) =>
        world.InTenantAsync(partner, async db =>
        {
            var certification = new ConsultantCertification { UserId = user.Id, Level = level, ValidUntil = validUntil, GrantedAt = DateTime.UtcNow };
            db.Add(certification);
            await db.SaveChangesAsync();
            return certification;
        });

    /// <summary>Seats <paramref name="user"/> in the client's workspace for the partner, as an accepted invitation does.</summary>
    public static async Task<ConsultantSeat> SeatAsync(PortalFactory factory, TestOrganization client, PortalUser user, TestOrganization partner, Guid? workspace = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(client.Id);
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            var db = scope.ServiceProvider.GetRequiredService<PartnerPortal.Data.PortalDbContext>();
            var (seat, error) = await scope.ServiceProvider.GetRequiredService<Seating>().TakeAsync(workspace ?? await db.Workspaces.OrderBy(w => w.CreatedAt).Select(w => w.Id).FirstAsync(), user, partner.Id, SeatOrigin.Invitation);
            Assert.True(seat is not null, error);
            return seat!;
        }
    }

    public Task<ConsultantSeat> SeatAsync(PortalFactory factory) => SeatAsync(factory, Client, Consultant, Partner, Workspace);

    public static Task<ConsultantSeat> SeatRowAsync(TestWorld world, TestOrganization client, Guid seatId) =>
        world.InTenantAsync(client, db => db.Set<ConsultantSeat>().AsNoTracking().SingleAsync(s => s.Id == seatId));

    public static Task<Membership?> MembershipAsync(TestWorld world, TestOrganization org, PortalUser user) =>
        world.InTenantAsync(org, db => db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == user.Id));

    public static Task<WorkspaceMembership?> PlaceAsync(TestWorld world, TestOrganization org, PortalUser user) =>
        world.InTenantAsync(org, db => db.WorkspaceMemberships.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == user.Id));

    public static async Task<PortalClient> SignedInAsync(PortalFactory factory, string host, PortalUser user)
    {
        var client = factory.ClientFor(host);
        var response = await client.SignInAsync(user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static Task<List<string>> AuditAsync(TestWorld world, TestOrganization org, string prefix) =>
        world.InTenantAsync(org, db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith(prefix)).OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToListAsync());

    public static Task<List<PartnerPortal.Audit.AuditEntry>> AuditEntriesAsync(TestWorld world, TestOrganization org, string action) =>
        world.InTenantAsync(org, db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync());

    /// <summary>Sets the platform's seat policy (days of notice) as a platform admin would.</summary>
    public static Task SetNoticeDaysAsync(TestWorld world, int days) =>
        world.GlobalAsync(async db =>
        {
            var settings = new PlatformSettings(db, TimeProvider.System);
            await settings.SetAsync(SeatPolicy.NoticeDaysKey, days.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return await db.SaveChangesAsync();
        });

    /// <summary>The path and query of the first link in a message's text that starts with <paramref name="prefix"/>.</summary>
    public static string LinkIn(MimeMessage message, string prefix)
    {
        var match = Regex.Match(message.TextBody ?? string.Empty, Regex.Escape(prefix) + @"[^\s]+");
        Assert.True(match.Success, $"No link starting {prefix} in: {message.TextBody}");
        var uri = new Uri(match.Value);
        return uri.PathAndQuery;
    }

    /// <summary>The text of an element of a page answered with <paramref name="response"/>.</summary>
    public static async Task<string> TextOfAsync(HttpResponseMessage response, string selector) =>
        (await PortalClient.ParseAsync(response)).QuerySelector(selector)?.TextContent.Trim() ?? $"(no {selector} on the page: {(int)response.StatusCode})";
}

/// <summary>The seats' host: mail to a real SMTP server, and solutions from a catalog the test fills (the Solutions module's own comes with its stream).</summary>
public class SeatsPortalFactory : MailingPortalFactory
{
    public RecordingSolutionCatalog Solutions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every request of a test comes from one address: sign-ups are limited in SignUpRateLimitShould only.
        builder.UseSetting("ConsultantSeats:SignUpRateLimit:PermitLimit", "1000");
        builder.ConfigureTestServices(services => services.AddScoped<ISolutionCatalog>(sp => new RecordingSolutionCatalog.InTenant(Solutions, sp.GetRequiredService<ITenantContext>())));
    }
}

/// <summary>
/// Stands in for the solutions module's catalog: it answers what each user built (as the test
/// says), and records every copy to a recipe library with the organization that asked for it.
/// </summary>
public sealed class RecordingSolutionCatalog
{
    public ConcurrentDictionary<Guid, List<SolutionSummary>> Built { get; } = new();

    public ConcurrentQueue<(Guid AskedIn, IReadOnlyCollection<Guid> SolutionIds, Guid PartnerId)> Copies { get; } = new();

    public sealed class InTenant(RecordingSolutionCatalog catalog, ITenantContext tenants) : ISolutionCatalog
    {
        public Task<IReadOnlyList<SolutionSummary>> BuiltByAsync(Guid userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SolutionSummary>>(catalog.Built.GetValueOrDefault(userId) ?? []);

        public Task<int> CopyToRecipeLibraryAsync(IReadOnlyCollection<Guid> solutionIds, Guid partnerId, CancellationToken cancellationToken = default)
        {
            catalog.Copies.Enqueue((tenants.Current!.Id, solutionIds.ToList(), partnerId));
            return Task.FromResult(solutionIds.Count);
        }

        public Task<IReadOnlyList<SolutionListingSummary>> PublishedListingsAsync(IReadOnlyCollection<Guid>? publisherIds = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SolutionListingSummary>>([]);
    }
}
