using PartnerPortal.Accounts;
using PartnerPortal.Modularity;

namespace PartnerPortal.Web.Hosting;

/// <summary>What the host itself puts in the shell, beside what the modules add (see <see cref="ShellCatalog"/>).</summary>
public sealed class HostShell : IShellContributions
{
    private static readonly Audience Admins = Audience.Members(OrganizationRole.Admin);

    public IEnumerable<NavItem> Navigation =>
    [
        new("Organizations", "/platform/organizations", Audience.PlatformAdmins, 0),
        new("Plans", "/platform/plans", Audience.PlatformAdmins, 10),
        new("Modules", "/platform/modules", Audience.PlatformAdmins, 20),
        new("Jobs", "/platform/jobs", Audience.PlatformAdmins, 30),
        new("Audit", "/platform/audit", Audience.PlatformAdmins, 40),
        // Anyone signed in on the host: their own sessions and password (A6).
        new("Your account", "/account/sessions", Audience.PlatformAdmins, 2000),
        new("Your account", "/account/sessions", Audience.Members(), 2000),
        new("Home", "/dashboard", Audience.Members(), 0),
        new("Workspaces", "/workspaces", Audience.Members(), 20),
        new("Settings", "/settings", Admins, 1000),
    ];

    public IEnumerable<NavItem> Settings =>
    [
        new("General", "/settings", Admins, 0),
        new("Members", "/settings/members", Admins, 10),
        new("Invitations", "/settings/invitations", Admins, 20),
        new("Workspaces", "/settings/workspaces", Admins, 25),
        new("Branding", "/settings/branding", Admins, 30),
        new("Theme", "/settings/theme", Admins, 40),
        new("Domains", "/settings/domains", Admins, 50),
        new("Plan", "/settings/plan", Admins, 60),
        new("E-mail", "/settings/email", Admins, 70),
        new("Audit log", "/settings/audit", Audience.Members(OrganizationRole.Owner), 80),
        new("Undelivered e-mail", "/settings/undelivered-mail", Audience.Members(OrganizationRole.Owner), 85),
        new("Who can see my data", "/settings/access", Audience.Members(OrganizationRole.Owner).ExceptImpersonators(), 90),
    ];

    public IEnumerable<ShellSection> HomeSections =>
    [
        // A module's sections (the apps people open) come before the plan, at orders below 50.
        new("PlanUsage", Audience.Members(), 50),
        new("RecentActivity", Audience.Members(), 90),
    ];

    public IEnumerable<NavItem> LandingPages =>
    [
        new("Organizations", "/platform/organizations", Audience.PlatformAdmins, 0),
        // Last: a module may send its people elsewhere first (a partner's to its client dashboard).
        // Anyone: someone signed in without membership learns there that they have no access here.
        new("Home", "/dashboard", Audience.Anyone, int.MaxValue),
    ];
}
