using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.UnitTests;

/// <summary>The shell's rules: who an audience admits, the order of items, and links by purpose (STYLE 11).</summary>
public sealed class ShellShould
{
    private static readonly TenantInfo Client = TenantInfo.From(new Organization { Name = "Contoso", Slug = "contoso" }, "portal.test");

    private static readonly TenantInfo Partner = TenantInfo.From(new Organization { Name = "Northwind", Slug = "northwind", Kind = OrganizationKind.Partner }, "portal.test");

    private static Viewer Member(TenantInfo tenant, OrganizationRole role, bool impersonating = false) =>
        new(tenant, OnPlatformHost: false, SignedIn: true, IsPlatformAdmin: false, new Membership { Role = role }, impersonating);

    public static TheoryData<string, Audience, Viewer, bool> Cases => new()
    {
        { "anyone: even signed out on the platform host", Audience.Anyone, new Viewer(null, true, false, false, null, false), true },
        { "a member may open a member page", Audience.Members(), Member(Client, OrganizationRole.Member), true },
        { "a member may not open an admin page", Audience.Members(OrganizationRole.Admin), Member(Client, OrganizationRole.Member), false },
        { "an owner may open an admin page", Audience.Members(OrganizationRole.Admin), Member(Client, OrganizationRole.Owner), true },
        { "a signed-in user without membership is no member", Audience.Members(), new Viewer(Client, false, true, false, null, false), false },
        { "partner pages are not a client's", Audience.Members(kind: OrganizationKind.Partner), Member(Client, OrganizationRole.Owner), false },
        { "partner pages are a partner's", Audience.Members(kind: OrganizationKind.Partner), Member(Partner, OrganizationRole.Member), true },
        { "members' pages do not exist on the platform host", Audience.Members(), new Viewer(null, true, true, true, null, false), false },
        { "the owners' own controls are closed to a reseller logged in as them", Audience.Members(OrganizationRole.Owner).ExceptImpersonators(), Member(Client, OrganizationRole.Owner, impersonating: true), false },
        { "the owners' own controls are open to the owners", Audience.Members(OrganizationRole.Owner).ExceptImpersonators(), Member(Client, OrganizationRole.Owner), true },
        { "banner actions show only while impersonating", Audience.Members().OnlyImpersonators(), Member(Client, OrganizationRole.Owner), false },
        { "banner actions show to the impersonator", Audience.Members().OnlyImpersonators(), Member(Client, OrganizationRole.Owner, impersonating: true), true },
        { "platform pages are the platform admins'", Audience.PlatformAdmins, new Viewer(null, true, true, true, null, false), true },
        { "platform pages are not other users'", Audience.PlatformAdmins, new Viewer(null, true, true, false, null, false), false },
        { "platform pages do not exist on an organization's host", Audience.PlatformAdmins, new Viewer(Client, false, true, true, new Membership { Role = OrganizationRole.Owner }, false), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AdmitExactlyItsAudience(string reason, Audience who, Viewer viewer, bool admitted) =>
        Assert.True(who.Admits(viewer) == admitted, reason);

    [Fact]
    public void OrderItemsByOrderThenByTheHostsModuleList()
    {
        var catalog = new ShellCatalog(new Part([new("Home", "/dashboard", Audience.Members(), 0), new("Settings", "/settings", Audience.Members(), 1000)]),
            new InstalledModules([new Module("B", [new("B link", "/b", Audience.Members(), 10)]), new Module("A", [new("A link", "/a", Audience.Members(), 10)])]));
        Assert.Equal(["/dashboard", "/b", "/a", "/settings"], catalog.Navigation.Select(e => e.Item.Path));
        Assert.Equal([null, "B", "A", null], catalog.Navigation.Select(e => e.Module));
    }

    [Fact]
    public void HideTheItemsOfAModuleSwitchedOffForTheOrganization()
    {
        var catalog = new ShellCatalog(new Part([new("Home", "/dashboard", Audience.Members(), 0)]),
            new InstalledModules([new Module("Solutions", [new("Solutions", "/solutions", Audience.Members(), 10)])]));
        var off = Client with { ModulesOff = new HashSet<string> { "Solutions" } };
        Assert.Equal(["/dashboard", "/solutions"], Shell.Visible(catalog.Navigation, Member(Client, OrganizationRole.Member)).Select(i => i.Path));
        Assert.Equal(["/dashboard"], Shell.Visible(catalog.Navigation, Member(off, OrganizationRole.Member)).Select(i => i.Path));
    }

    [Fact]
    public void LinkByPurposeOnlyWhereTheServingModuleIsOn()
    {
        var catalog = new ShellCatalog(new Part([]), new InstalledModules([new Module("Resellers", [], [new LinkTemplate(LinkPurposes.PartnerClientPlan, "/clients/{clientId}/plan", Audience.Members())])]));
        var values = new Dictionary<string, string> { ["clientId"] = "42" };
        Assert.Equal("/clients/42/plan", catalog.LinkFor(LinkPurposes.PartnerClientPlan, Partner, values));
        Assert.Null(catalog.LinkFor(LinkPurposes.PartnerClientPlan, Partner with { ModulesOff = new HashSet<string> { "Resellers" } }, values));
        Assert.Null(new ShellCatalog(new Part([]), new InstalledModules([])).LinkFor(LinkPurposes.PartnerClientPlan, Partner, values));
    }

    private sealed class Part(IReadOnlyList<NavItem> navigation) : IShellContributions
    {
        public IEnumerable<NavItem> Navigation => navigation;
    }

    private sealed class Module(string name, IReadOnlyList<NavItem> navigation, IReadOnlyList<LinkTemplate>? links = null) : IPortalModule
    {
        public string Name => name;

        public IEnumerable<NavItem> Navigation => navigation;

        public IEnumerable<LinkTemplate> Links => links ?? [];

        public void AddServices(IServiceCollection services, IConfiguration configuration)
        {
        }

        public void ConfigureModel(ModelBuilder modelBuilder)
        {
        }
    }
}
