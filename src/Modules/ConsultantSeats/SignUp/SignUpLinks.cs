using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.SignUp;

/// <summary>A sign-up link that works now, with its partner and consultant.</summary>
public sealed record UsableLink(SignUpLink Link, TenantInfo Partner, PortalUser Consultant);

/// <summary>What a visitor typed on the sign-up page.</summary>
public sealed record ClientSignUp(string? Name, string? Slug, string? OwnerEmail);

/// <summary>
/// Consultants' sign-up links (C2). On the partner's host, a certified consultant makes, renews and
/// revokes their link (the partner is the current tenant). On the platform host, a visitor follows
/// it and creates a client organization with a "General" workspace, the consultant in a consultant
/// seat there, its owner invited by e-mail (accepting sets their password and so verifies the
/// address), on the free plan and billed to itself, attributed to the consultant's partner by a
/// partner–client link the owner sees and can revoke. A link works only while it is unrevoked,
/// unexpired and its consultant certified with its partner; the page is rate-limited per address.
/// </summary>
public sealed class SignUpLinks(
    PortalDbContext db,
    Certifications certifications,
    OrganizationSetup setup,
    Seating seating,
    UserManager<PortalUser> users,
    ITenantContext tenants,
    ITenantStore store,
    AuditLog audit,
    TenantUrls urls,
    TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public const string InvalidMessage = "This sign-up link does not work any more: it was revoked or has expired. Ask your consultant for a new one.";

    /// <summary>The consultant's link in the current (partner) organization that works now, if any.</summary>
    public async Task<SignUpLink?> CurrentAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Set<SignUpLink>().AsNoTracking()
            .Where(l => l.UserId == userId && l.RevokedAt == null && l.ExpiresAt > now)
            .OrderByDescending(l => l.CreatedAt).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The link's address: a public page on the platform host.</summary>
    public string UrlOf(SignUpLink link) => urls.ForPlatform($"/join/{link.Code}");

    /// <summary>Makes the consultant a new link (certified consultants only); an older one stops working.</summary>
    public async Task<SeatResult> RenewAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var partner = tenants.Current!;
        if (!await certifications.IsCertifiedAsync(userId, partner.Id, cancellationToken))
            return SeatResult.Failed($"Only consultants certified with {partner.Name} have a sign-up link. Ask the platform to certify you.");
        var now = time.GetUtcNow().UtcDateTime;
        var replaced = await RevokeOpenAsync(userId, now, cancellationToken);
        var link = new SignUpLink { UserId = userId, Code = Tokens.NewCode(), CreatedAt = now, ExpiresAt = now + Lifetime };
        db.Add(link);
        audit.Record(replaced ? "consultant.sign_up_link_renewed" : "consultant.sign_up_link_created", $"valid until {link.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded(replaced
            ? "You have a new sign-up link; the old one no longer works."
            : $"Your sign-up link is ready. It works for {Lifetime.Days} days.");
    }

    /// <summary>Revokes the consultant's working link.</summary>
    public async Task<SeatResult> RevokeAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (!await RevokeOpenAsync(userId, time.GetUtcNow().UtcDateTime, cancellationToken)) return SeatResult.Failed("You have no sign-up link that works: there is nothing to revoke.");
        audit.Record("consultant.sign_up_link_revoked");
        await db.SaveChangesAsync(cancellationToken);
        return SeatResult.Succeeded("Your sign-up link is revoked: it no longer works.");
    }

    /// <summary>
    /// The link with that code, when it works now; null otherwise. Asked on the platform host, where
    /// no organization is current: the code itself says whose link it is.
    /// </summary>
    public async Task<UsableLink?> FindUsableAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 32) return null;
        var now = time.GetUtcNow().UtcDateTime;
        var link = await db.Set<SignUpLink>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, cancellationToken);
        if (link is null || !link.IsUsable(now)) return null;
        if (await store.FindByIdAsync(link.TenantId, cancellationToken) is not { Kind: OrganizationKind.Partner } partner || !partner.IsModuleOn(ConsultantSeatsModule.ModuleName)) return null;
        if (!await certifications.IsCertifiedAsync(link.UserId, partner.Id, cancellationToken)) return null;
        var consultant = await users.FindByIdAsync(link.UserId.ToString());
        return consultant is null ? null : new UsableLink(link, partner, consultant);
    }

    /// <summary>Creates the client through a working link; returns it, or the error the visitor reads (nothing created).</summary>
    public async Task<(Organization? Client, string? Error)> SignUpAsync(UsableLink usable, ClientSignUp form, CancellationToken cancellationToken = default)
    {
        var email = form.OwnerEmail?.Trim();
        if (!DeliverableAddress.IsValid(email)) return (null, "Enter your e-mail address: you will own the new account.");
        if (string.Equals(email, usable.Consultant.Email, StringComparison.OrdinalIgnoreCase)) return (null, "Enter the e-mail of the account's owner, not your consultant's: your consultant gets their own seat.");
        var consultant = usable.Consultant;
        var consultantName = string.IsNullOrWhiteSpace(consultant.DisplayName) ? consultant.Email! : consultant.DisplayName;
        var (client, error) = await setup.CreateAsync(new NewOrganization(form.Name ?? string.Empty, form.Slug ?? string.Empty, OrganizationKind.Client, email, usable.Partner.Id), consultantName, consultant.Id, cancellationToken);
        if (client is null) return (null, error);

        var tenant = await store.FindByIdAsync(client.Id, cancellationToken) ?? throw new InvalidOperationException("The new organization was not found.");
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using (tenants.Change(tenant))
        {
            // The client signed up itself: on the default plan and billed to itself; the partner is credited (R14).
            if (await db.Plans.AsNoTracking().Where(p => p.IsDefault).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken) is { } planId)
            {
                db.AccountSubscriptions.Add(new AccountSubscription { PlanId = planId, ChangedAt = now, BillingMode = BillingMode.ClientBilled });
            }

            audit.Record("client.signed_up", $"through the sign-up link of {consultant.Email} of {usable.Partner.Name}");
            var workspace = await db.Workspaces.OrderBy(w => w.CreatedAt).Select(w => w.Id).FirstAsync(cancellationToken);
            var (seat, seatError) = await seating.TakeAsync(workspace, consultant, usable.Partner.Id, SeatOrigin.SignUpLink, cancellationToken);
            if (seat is null) throw new InvalidOperationException($"The consultant of a working sign-up link could not be seated: {seatError}");
        }

        using (tenants.Change(usable.Partner))
        {
            var link = await db.Set<SignUpLink>().SingleAsync(l => l.Id == usable.Link.Id, cancellationToken);
            link.SignUps++;
            audit.Record("consultant.client_signed_up", $"{client.Name} ({client.Slug}) through the sign-up link of {consultant.Email}", consultant.Id, consultant.Email);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (client, null);
    }

    private async Task<bool> RevokeOpenAsync(Guid userId, DateTime now, CancellationToken cancellationToken)
    {
        var open = await db.Set<SignUpLink>().Where(l => l.UserId == userId && l.RevokedAt == null && l.ExpiresAt > now).ToListAsync(cancellationToken);
        foreach (var link in open) link.RevokedAt = now;
        return open.Count > 0;
    }
}
