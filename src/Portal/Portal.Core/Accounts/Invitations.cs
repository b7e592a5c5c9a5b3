using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>Invitations into the current organization: created, e-mailed, accepted, revoked.</summary>
public sealed class Invitations(PortalDbContext db, IMailer mailer, AuditLog audit, TenantUrls urls, ITenantContext tenants, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Adds the invitation, its e-mail and its audit entry to the unit of work; the caller saves.</summary>
    public Invitation Create(string email, OrganizationRole role, Guid invitedBy, string inviterName, bool supportSpecialist = false)
    {
        var tenant = tenants.Current ?? throw new InvalidOperationException("Invitations need a current organization.");
        var token = NewToken();
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Email = email.Trim(),
            Role = role,
            SupportSpecialist = supportSpecialist && role < OrganizationRole.Admin,
            TokenHash = Hash(token),
            InvitedByUserId = invitedBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Invitations.Add(invitation);
        mailer.Queue("invitation", new Dictionary<string, string?>
        {
            ["inviter_name"] = inviterName,
            ["role"] = invitation.SupportSpecialist ? "support specialist" : RoleText(role),
            ["accept_url"] = urls.For(tenant, $"/account/accept-invitation?token={token}"),
            ["expires_days"] = Lifetime.Days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, new MailRecipient(invitation.Email));
        audit.Record("invitation.created", $"{invitation.Email} as {(invitation.SupportSpecialist ? "support specialist" : RoleText(role))}");
        return invitation;
    }

    /// <summary>The open invitation of the current organization with that token, or null.</summary>
    public async Task<Invitation?> FindOpenAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = Hash(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation is not null && invitation.IsOpen(time.GetUtcNow().UtcDateTime) ? invitation : null;
    }

    /// <summary>Makes the user a member with the invited role (and a member of the first workspace that is not archived).</summary>
    public async Task AcceptAsync(Invitation invitation, PortalUser user, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        invitation.AcceptedAt = now;
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            db.Memberships.Add(new Membership { UserId = user.Id, Role = invitation.Role, SupportSpecialist = invitation.SupportSpecialist, CreatedAt = now });
            var workspace = await db.Workspaces.Where(w => w.ArchivedAt == null).OrderBy(w => w.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (workspace is not null)
            {
                db.WorkspaceMemberships.Add(new WorkspaceMembership
                {
                    WorkspaceId = workspace.Id,
                    UserId = user.Id,
                    Role = invitation.Role >= OrganizationRole.Admin ? WorkspaceRole.Admin : WorkspaceRole.Member,
                    CreatedAt = now,
                });
            }
        }

        audit.Record("invitation.accepted", invitation.Email, user.Id, user.Email);
    }

    /// <summary>How a role reads in sentences ("join … as admin").</summary>
    public static string RoleText(OrganizationRole role) => role switch
    {
        OrganizationRole.Owner => "owner",
        OrganizationRole.Admin => "admin",
        _ => "member",
    };

    private static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
