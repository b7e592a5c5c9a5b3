using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

public sealed record NewOrganization(string Name, string Slug, OrganizationKind Kind, string OwnerEmail, Guid? ResellerId = null);

/// <summary>
/// Creates an organization with its first workspace and its owner, in one transaction. An owner
/// who has no account yet is invited by e-mail; one who has an account becomes owner at once.
/// </summary>
public sealed class OrganizationSetup(
    PortalDbContext db,
    ITenantContext tenants,
    UserManager<PortalUser> users,
    Invitations invitations,
    IPortalEvents events,
    TimeProvider time,
    IOptions<PortalOptions> portal)
{
    /// <summary>Returns the new organization, or the error a person should read.</summary>
    public async Task<(Organization? Organization, string? Error)> CreateAsync(NewOrganization request, string invitedByName, Guid invitedBy, CancellationToken cancellationToken = default)
    {
        var slug = request.Slug.Trim().ToLowerInvariant();
        if (Slugs.Validate(slug) is { } slugError) return (null, slugError);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) return (null, "Enter a name of at most 200 characters.");
        if (!SingleLineNames.IsSingleLine(request.Name)) return (null, "Use one line of plain text for the name: no line breaks or control characters.");
        if (!Mail.DeliverableAddress.IsValid(request.OwnerEmail)) return (null, "Enter the owner's e-mail address: one address, like name@example.com.");
        if (await db.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken)) return (null, $"The subdomain '{slug}' is taken.");

        var now = time.GetUtcNow().UtcDateTime;
        var org = new Organization { Name = request.Name.Trim(), Slug = slug, Kind = request.Kind, CreatedAt = now };
        string? resellerName = null;
        Branding? resellerBranding = null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Organizations.Add(org);
        if (request.ResellerId is { } resellerId)
        {
            var reseller = await db.Organizations.AsNoTracking().Where(o => o.Id == resellerId).Select(o => new { o.Name, o.Branding }).SingleAsync(cancellationToken);
            (resellerName, resellerBranding) = (reseller.Name, reseller.Branding);
            db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = resellerId, ClientId = org.Id, CreatedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);

        using (tenants.Change(TenantInfo.From(org, HostName.Normalize(portal.Value.PlatformDomain), request.ResellerId, resellerName, resellerBranding)))
        {
            var workspace = new Workspace { Name = "General", CreatedAt = now };
            db.Workspaces.Add(workspace);
            var owner = await users.FindByEmailAsync(request.OwnerEmail);
            if (owner is null)
            {
                invitations.Create(request.OwnerEmail, OrganizationRole.Owner, invitedBy, invitedByName);
            }
            else
            {
                db.Memberships.Add(new Membership { UserId = owner.Id, Role = OrganizationRole.Owner, CreatedAt = now });
                db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = owner.Id, Role = WorkspaceRole.Admin, CreatedAt = now });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await events.PublishAsync(new PortalEvent(org.Id, invitedBy, KernelEvents.OrganizationChanged, now), cancellationToken);
        if (request.ResellerId is not null) await events.PublishAsync(new PortalEvent(org.Id, invitedBy, KernelEvents.PartnerLinkChanged, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (org, null);
    }
}
