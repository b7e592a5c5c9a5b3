using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Demo;

/// <summary>
/// The demo organizations and people (Development only, into an empty database). The acceptance
/// journeys use exactly these names; every demo password is <see cref="Password"/>.
/// </summary>
public sealed class DemoData(
    PortalDbContext db,
    UserManager<PortalUser> users,
    ITenantContext tenants,
    TimeProvider time,
    IOptions<PortalOptions> portal,
    SenderDomain sender)
{
    public const string Password = "Portal-demo-1";

    public sealed record DemoOrganization(string Name, string Slug, OrganizationKind Kind, string OwnerEmail, string? Reseller, string? Color, string? CustomDomain, string? MailFromName, string? MailFromAddress);

    public const string PlatformAdminEmail = "admin@portal.localhost";

    public static readonly IReadOnlyList<DemoOrganization> Organizations =
    [
        new("Northwind Partners", "northwind", OrganizationKind.Partner, "reseller@northwind.test", null, "#4338CA", null, "Northwind Partners", "hello@northwind.test"),
        new("Contoso Dental", "contoso", OrganizationKind.Client, "owner@contoso-dental.test", "Northwind Partners", "#0E7C86", "book.contoso-dental.localhost", "Contoso Dental", "hello@contoso-dental.test"),
        new("Fabrikam Fitness", "fabrikam", OrganizationKind.Client, "owner@fabrikam-fitness.test", "Northwind Partners", "#C2410C", null, "Fabrikam Fitness", null),
        new("Tailspin Toys", "tailspin", OrganizationKind.Client, "owner@tailspin.test", null, null, null, null, null),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var platformDomain = HostName.Normalize(portal.Value.PlatformDomain);
        await CreateUserAsync(PlatformAdminEmail, "Platform admin", isPlatformAdmin: true);

        var created = new Dictionary<string, Organization>();
        foreach (var demo in Organizations)
        {
            var org = new Organization { Name = demo.Name, Slug = demo.Slug, Kind = demo.Kind, CreatedAt = now, PrimaryHost = demo.CustomDomain };
            org.Branding.PrimaryColor = demo.Color ?? org.Branding.PrimaryColor;
            org.Branding.MailFromName = demo.MailFromName;
            org.Branding.MailFromAddress = demo.MailFromAddress;
            // Contoso's sending domain counts as verified in the demo, so its mail is From its own address (T8).
            org.Branding.SenderDomainVerified = demo.CustomDomain is not null;
            org.Branding.SupportEmail = demo.MailFromAddress;
            if (demo.CustomDomain is not null)
            {
                org.Domains.Add(new OrganizationDomain { Host = demo.CustomDomain, VerificationToken = "demo", VerifiedAt = now, CreatedAt = now });
            }

            db.Organizations.Add(org);
            Organization? reseller = demo.Reseller is null ? null : created[demo.Reseller];
            if (reseller is not null)
            {
                db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = reseller.Id, ClientId = org.Id, CreatedAt = now });
            }

            await db.SaveChangesAsync(cancellationToken);
            created[demo.Name] = org;

            var owner = await CreateUserAsync(demo.OwnerEmail, $"{demo.Name} owner", isPlatformAdmin: false);
            using (tenants.Change(TenantInfo.From(org, platformDomain, reseller?.Id, reseller?.Name)))
            {
                var workspace = new Workspace { Name = "General", CreatedAt = now };
                db.Workspaces.Add(workspace);
                db.Memberships.Add(new Membership { UserId = owner.Id, Role = OrganizationRole.Owner, CreatedAt = now });
                db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = owner.Id, Role = WorkspaceRole.Admin, CreatedAt = now });
                await db.SaveChangesAsync(cancellationToken);

                if (org.Branding.SenderDomainVerified)
                {
                    // A real DKIM key, so Contoso's demo mail is signed as a verified sender's is (T8).
                    // A new key resets verification; the demo counts the domain as verified again.
                    await sender.GenerateKeyAsync(cancellationToken);
                    org.Branding.SenderDomainVerified = true;
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }
    }

    public static IEnumerable<string> Banner(TenantUrls urls, PortalOptions portal)
    {
        var platformDomain = HostName.Normalize(portal.PlatformDomain);
        yield return $"  Demo logins (password {Password}):";
        yield return $"    {PlatformAdminEmail,-30} platform admin   {urls.ForPlatform("/account/signin")}";
        foreach (var demo in Organizations)
        {
            var host = demo.CustomDomain ?? $"{demo.Slug}.{platformDomain}";
            var role = demo.Kind == OrganizationKind.Partner ? "partner admin" : "owner";
            yield return $"    {demo.OwnerEmail,-30} {role,-16} {urls.ForPlatform("/").Replace(platformDomain, host)}account/signin   ({demo.Name})";
        }
    }

    private async Task<PortalUser> CreateUserAsync(string email, string displayName, bool isPlatformAdmin)
    {
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null) return existing;

        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            IsPlatformAdmin = isPlatformAdmin,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        return user;
    }
}
