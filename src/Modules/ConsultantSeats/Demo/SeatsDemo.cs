using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.ConsultantSeats.SignUp;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Demo;

/// <summary>
/// Demo seats: Northwind's consultant is certified for a year, has a sign-up link, and holds a
/// consultant seat in Contoso's "General" workspace.
/// </summary>
public sealed class SeatsDemo(PortalDbContext db, UserManager<PortalUser> users, ITenantContext tenants, ITenantStore store, Seating seating, SignUpLinks links, TimeProvider time) : IDemoDataContributor
{
    /// <summary>The host's demo consultant, a Northwind employee (the host's demo data makes them; a module cannot name the host's types).</summary>
    public const string ConsultantEmail = "consultant@northwind.test";

    public const string Level = "Certified consultant";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var consultant = await users.FindByEmailAsync(ConsultantEmail);
        if (consultant is null || await TenantAsync("northwind", cancellationToken) is not { } northwind || await TenantAsync("contoso", cancellationToken) is not { } contoso) return;
        var now = time.GetUtcNow().UtcDateTime;
        var granter = await db.Users.Where(u => u.IsPlatformAdmin).OrderBy(u => u.CreatedAt).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);

        using (tenants.Change(northwind))
        {
            db.Add(new ConsultantCertification { UserId = consultant.Id, Level = Level, ValidUntil = DateOnly.FromDateTime(now).AddYears(1), GrantedAt = now, GrantedByUserId = granter });
            await db.SaveChangesAsync(cancellationToken);
            await links.RenewAsync(consultant.Id, cancellationToken);
        }

        using (tenants.Change(contoso))
        {
            var general = await db.Workspaces.Where(w => w.Name == "General").Select(w => w.Id).FirstAsync(cancellationToken);
            var (seat, error) = await seating.TakeAsync(general, consultant, northwind.Id, SeatOrigin.Invitation, cancellationToken);
            if (seat is null) throw new InvalidOperationException($"The demo consultant could not be seated at Contoso: {error}");
        }
    }

    private async Task<TenantInfo?> TenantAsync(string slug, CancellationToken cancellationToken) =>
        await db.Organizations.Where(o => o.Slug == slug).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken) is { } id
            ? await store.FindByIdAsync(id, cancellationToken)
            : null;
}
