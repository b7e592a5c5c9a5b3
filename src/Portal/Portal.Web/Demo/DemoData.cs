using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Branding;
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
    SenderDomain sender,
    PartnerPortal.Modularity.IPortalEvents events,
    IEnumerable<PartnerPortal.Modularity.IDemoDataContributor> modules)
{
    public const string Password = "Portal-demo-1";

    public sealed record DemoOrganization(string Name, string Slug, OrganizationKind Kind, string OwnerEmail, string? Reseller, string? Color, string? CustomDomain, string? MailFromName, string? MailFromAddress);

    public const string PlatformAdminEmail = "admin@portal.localhost";

    /// <summary>Northwind's consultant (a partner employee); the consultant seats module certifies and seats them.</summary>
    public const string ConsultantEmail = "consultant@northwind.test";

    public static readonly IReadOnlyList<DemoOrganization> Organizations =
    [
        new("Northwind Partners", "northwind", OrganizationKind.Partner, "reseller@northwind.test", null, "#4338CA", null, "Northwind Partners", "hello@northwind.test"),
        new("Contoso Dental", "contoso", OrganizationKind.Client, "owner@contoso-dental.test", "Northwind Partners", "#0E7C86", "book.contoso-dental.localhost", "Contoso Dental", "hello@contoso-dental.test"),
        new("Fabrikam Fitness", "fabrikam", OrganizationKind.Client, "owner@fabrikam-fitness.test", "Northwind Partners", "#C2410C", null, "Fabrikam Fitness", null),
        new("Tailspin Toys", "tailspin", OrganizationKind.Client, "owner@tailspin.test", null, null, null, null, null),
        // A second partner, for the partner program's directory and Solution Center.
        new("Adventure Works Consulting", "adventure-works", OrganizationKind.Partner, "owner@adventure-works.test", null, "#047857", null, "Adventure Works Consulting", "hello@adventure-works.test"),
    ];

    /// <summary>How a demo organization looks (T3–T6), so the demo clients can be told apart at a glance.</summary>
    public sealed record DemoLook(string? Theme, string? ClientTheme, string? Logo, string? AccentColor, string? FooterText, string? SupportPhone, string? SupportUrl);

    public static readonly IReadOnlyDictionary<string, DemoLook> Looks = new Dictionary<string, DemoLook>
    {
        // Northwind's clients without a theme of their own (Fabrikam) get "bold".
        ["Northwind Partners"] = new(null, "bold", Logos.Compass, "#B91C1C", "Northwind Partners · your systems partner", "+1 555 0100", "https://help.northwind.test"),
        ["Contoso Dental"] = new("ledger", null, Logos.Tooth, "#B45309", "Contoso Dental · 12 Harbour Street · open Monday to Saturday", "+1 555 0142", null),
        ["Fabrikam Fitness"] = new(null, null, Logos.Bolt, "#A16207", "Fabrikam Fitness · train anywhere", null, null),
    };

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
            var look = Looks.GetValueOrDefault(demo.Name);
            if (look is not null)
            {
                org.Branding.Theme = look.Theme;
                org.Branding.ClientTheme = look.ClientTheme;
                org.Branding.AccentColor = look.AccentColor ?? org.Branding.AccentColor;
                org.Branding.FooterText = look.FooterText;
                org.Branding.SupportPhone = look.SupportPhone;
                org.Branding.SupportUrl = look.SupportUrl;
            }

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
            if (reseller is not null) await events.PublishAsync(new(org.Id, null, PartnerPortal.Modularity.KernelEvents.PartnerLinkChanged, now), cancellationToken);

            var owner = await CreateUserAsync(demo.OwnerEmail, $"{demo.Name} owner", isPlatformAdmin: false);
            using (tenants.Change(TenantInfo.From(org, platformDomain, reseller?.Id, reseller?.Name)))
            {
                var workspace = new Workspace { Name = "General", CreatedAt = now };
                db.Workspaces.Add(workspace);
                db.Memberships.Add(new Membership { UserId = owner.Id, Role = OrganizationRole.Owner, CreatedAt = now });
                db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = owner.Id, Role = WorkspaceRole.Admin, CreatedAt = now });
                if (look?.Logo is { } logo)
                {
                    var content = System.Text.Encoding.UTF8.GetBytes(logo);
                    var version = BrandImages.Version(content);
                    db.BrandAssets.Add(new BrandAsset { Kind = BrandAssetKind.Logo, ContentType = BrandImages.Svg, Content = content, Version = version, UpdatedAt = now });
                    org.Branding.LogoVersion = version;
                }

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

        // Northwind's consultant is one of its employees; what else they are (certified, seated) is a module's demo data.
        var consultant = await CreateUserAsync(ConsultantEmail, "Nadia Consultant", isPlatformAdmin: false);
        using (tenants.Change(TenantInfo.From(created["Northwind Partners"], platformDomain)))
        {
            db.Memberships.Add(new Membership { UserId = consultant.Id, Role = OrganizationRole.Member, CreatedAt = now });
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = await db.Workspaces.Select(w => w.Id).FirstAsync(cancellationToken), UserId = consultant.Id, Role = WorkspaceRole.Member, CreatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        // Plans (R6, R7): Contoso on Basic at Northwind's own price, Fabrikam on Free (its record
        // limit is within reach), Tailspin in its free trial. Each is its organization's own row.
        var subscriptions = new Dictionary<string, AccountSubscription>
        {
            ["Contoso Dental"] = new() { PlanId = Plan.Seeded.BasicId, ChangedAt = now, BillingMode = BillingMode.ResellerBilled, ResellerPrice = 49m, ResellerPriceKind = ResellerPriceKind.Monthly, ResellerPriceCurrency = "USD" },
            ["Fabrikam Fitness"] = new() { PlanId = Plan.Seeded.FreeId, ChangedAt = now },
            ["Tailspin Toys"] = new() { PlanId = Plan.Seeded.FreeId, ChangedAt = now, TrialStartedAt = now, TrialEndsAt = now.AddDays(7) },
        };
        foreach (var (name, subscription) in subscriptions)
        {
            var org = created[name];
            using (tenants.Change(TenantInfo.From(org, platformDomain)))
            {
                db.AccountSubscriptions.Add(subscription);
                await db.SaveChangesAsync(cancellationToken);
            }

            await events.PublishAsync(new(org.Id, null, PartnerPortal.Modularity.KernelEvents.SubscriptionChanged, now), cancellationToken);
        }

        // Modules add their own demo data (solutions, recipes) once the organizations exist.
        foreach (var module in modules)
        {
            await module.SeedAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What no longer matches the demo the console banner describes: a demo organization renamed or
    /// gone, a login missing, its password changed or its membership ended. Empty when every printed
    /// login works as printed (the banner is printed only then).
    /// </summary>
    public static async Task<List<string>> DriftAsync(PortalDbContext db, UserManager<PortalUser> users, CancellationToken cancellationToken = default)
    {
        var drift = new List<string>();
        async Task CheckAsync(string email, Guid? organizationId, bool platformAdmin = false)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null) drift.Add($"{email} does not exist");
            else if (platformAdmin && !user.IsPlatformAdmin) drift.Add($"{email} is no platform admin");
            else if (!await users.CheckPasswordAsync(user, Password)) drift.Add($"{email} has another password");
            else if (organizationId is { } id && !await db.Memberships.IgnoreQueryFilters(["Tenant"]).AnyAsync(m => m.TenantId == id && m.UserId == user.Id && m.DeactivatedAt == null, cancellationToken))
                drift.Add($"{email} is no active member of its organization");
        }

        await CheckAsync(PlatformAdminEmail, null, platformAdmin: true);
        var slugs = Organizations.Select(o => o.Slug).ToList();
        var present = await db.Organizations.AsNoTracking().Where(o => slugs.Contains(o.Slug)).ToDictionaryAsync(o => o.Slug, cancellationToken);
        foreach (var demo in Organizations)
        {
            if (!present.TryGetValue(demo.Slug, out var org) || org.Name != demo.Name) drift.Add($"{demo.Name} is not there as seeded");
            else await CheckAsync(demo.OwnerEmail, org.Id);
        }

        await CheckAsync(ConsultantEmail, present.GetValueOrDefault("northwind")?.Id);
        return drift;
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

        yield return $"    {ConsultantEmail,-30} {"consultant",-16} {urls.ForPlatform("/").Replace(platformDomain, $"northwind.{platformDomain}")}account/signin   (Northwind Partners)";
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

    /// <summary>Generated SVG marks for the demo organizations.</summary>
    private static class Logos
    {
        public const string Compass = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#4338CA"/><circle cx="32" cy="32" r="21" fill="none" stroke="#ffffff" stroke-width="3"/><path d="M32 12l7 20-7 20-7-20z" fill="#ffffff"/><path d="M32 12l7 20H25z" fill="#FCA5A5"/></svg>""";

        public const string Tooth = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0E7C86"/><path d="M21 13c-6 0-10 5-10 12 0 8 4 12 5 20 1 6 3 10 6 10s4-4 5-9c1-4 2-7 5-7s4 3 5 7c1 5 2 9 5 9s5-4 6-10c1-8 5-12 5-20 0-7-4-12-10-12-5 0-7 3-11 3s-6-3-11-3z" fill="#ffffff"/><path d="M40 19c3 0 5 2 5 6" fill="none" stroke="#0E7C86" stroke-width="3" stroke-linecap="round"/></svg>""";

        public const string Bolt = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="#C2410C"/><path d="M37 6L15 37h14l-4 21 24-33H34z" fill="#FDE68A"/></svg>""";
    }
}
