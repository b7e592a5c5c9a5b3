using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// Becoming a reseller and going back (R1): a regular organization's owner converts it into a
/// partner; a partner with no active client links reverts to a regular organization.
/// </summary>
public sealed class ResellerProgram(PortalDbContext db, AuditLog audit, TimeProvider time)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Returns null when the organization is now a reseller, else what stops it.</summary>
    public async Task<string?> ConvertAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var org = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);
        if (org.Kind == OrganizationKind.Partner) return "This organization is already a reseller.";
        if (await db.PartnerClientLinks.AnyAsync(l => l.ClientId == organizationId && l.EndedAt == null, cancellationToken))
            return "This account is a reseller's client. Ask your reseller to detach it first; then it can become a reseller.";

        org.Kind = OrganizationKind.Partner;
        var profile = await db.Set<ResellerProfile>().FirstOrDefaultAsync(p => p.TenantId == organizationId, cancellationToken);
        if (profile is null)
        {
            db.Set<ResellerProfile>().Add(new ResellerProfile { TenantId = organizationId, PartnerCode = await NewCodeAsync(cancellationToken), BecameResellerAt = time.GetUtcNow().UtcDateTime });
        }

        audit.Record("reseller.converted", "became a reseller");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Returns null when the reseller is a regular organization again, else what stops it.</summary>
    public async Task<string?> RevertAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var org = await db.Organizations.SingleAsync(o => o.Id == organizationId, cancellationToken);
        if (org.Kind != OrganizationKind.Partner) return "This organization is not a reseller.";
        var clients = await db.PartnerClientLinks.CountAsync(l => l.PartnerId == organizationId && l.EndedAt == null, cancellationToken);
        if (clients > 0)
            return $"You still serve {clients} client account{(clients == 1 ? string.Empty : "s")}. Detach or delete every client first; then the reseller can revert to a regular organization.";

        org.Kind = OrganizationKind.Client;
        audit.Record("reseller.reverted", "became a regular organization");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The partner's code, made on first use (partners that existed before codes did get one now).</summary>
    public async Task<string> PartnerCodeAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var profile = await db.Set<ResellerProfile>().FirstOrDefaultAsync(p => p.TenantId == partnerId, cancellationToken);
        if (profile is not null) return profile.PartnerCode;
        profile = new ResellerProfile { TenantId = partnerId, PartnerCode = await NewCodeAsync(cancellationToken), BecameResellerAt = time.GetUtcNow().UtcDateTime };
        db.Set<ResellerProfile>().Add(profile);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return profile.PartnerCode;
        }
        catch (DbUpdateException)
        {
            // Two first requests raced to make the code: the other one's stands.
            db.Entry(profile).State = EntityState.Detached;
            return await db.Set<ResellerProfile>().AsNoTracking().Where(p => p.TenantId == partnerId).Select(p => p.PartnerCode).SingleAsync(cancellationToken);
        }
    }

    /// <summary>The reseller with that code, ignoring case, spaces and dashes; null when none.</summary>
    public async Task<Organization?> FindByCodeAsync(string? code, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(code);
        if (normalized is null) return null;
        // Typed on the account's host: the one lookup of another organization's profile, by its code alone.
        var id = await db.Set<ResellerProfile>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(p => p.PartnerCode == normalized).Select(p => (Guid?)p.TenantId).FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Kind == OrganizationKind.Partner, cancellationToken);
    }

    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var letters = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return letters.Length is >= 6 and <= 16 ? letters : null;
    }

    private async Task<string> NewCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = new string(Enumerable.Range(0, 8).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]).ToArray());
            // Unique on the whole platform, so every reseller's codes count.
            if (!await db.Set<ResellerProfile>().IgnoreQueryFilters(["Tenant"]).AnyAsync(p => p.PartnerCode == code, cancellationToken)) return code;
        }
    }
}
