using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

namespace PartnerPortal.IntegrationTests.Consulting;

/// <summary>
/// A portal for consultant billing: real SMTP, the invoicing job's schedule off (tests run its
/// passes on days of their choosing), and stand-ins for what other streams build — which clients a
/// consultant serves (seats), which solutions they built there, and the suspension page's link.
/// </summary>
public sealed class ConsultingPortalFactory : MailingPortalFactory
{
    public const string SuspensionPath = "/solutions/{solutionId}/suspend";

    public TestConsultantClients Seats { get; } = new();

    public TestSolutionCatalog Solutions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConsultantSeats:InvoiceJobInterval", "00:00:00");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IConsultantClients>();
            services.AddSingleton<IConsultantClients>(Seats);
            services.RemoveAll<ISolutionCatalog>();
            services.AddSingleton<ISolutionCatalog>(sp => Solutions.In(sp.GetRequiredService<ITenantContext>()));
            // The page that suspends a solution is another stream's; here it is a link by purpose like any other.
            services.RemoveAll<ShellCatalog>();
            services.AddSingleton(sp => new ShellCatalog(new WithSuspensionLink(new HostShell()), sp.GetRequiredService<InstalledModules>()));
        });
    }

    private sealed class WithSuspensionLink(IShellContributions host) : IShellContributions
    {
        public IEnumerable<NavItem> Navigation => host.Navigation;

        public IEnumerable<NavItem> Settings => host.Settings;

        public IEnumerable<ShellSection> HomeSections => host.HomeSections;

        public IEnumerable<ShellSection> AccessSections => host.AccessSections;

        public IEnumerable<NavItem> WorkspaceActions => host.WorkspaceActions;

        public IEnumerable<NavItem> LandingPages => host.LandingPages;

        public IEnumerable<NavItem> ImpersonationActions => host.ImpersonationActions;

        public IEnumerable<LinkTemplate> Links => [.. host.Links, new(LinkPurposes.SolutionSuspension, SuspensionPath, Audience.Members())];
    }
}

/// <summary>Which clients each consultant serves for a partner, as the seats stream will answer it; tests say so directly.</summary>
public sealed class TestConsultantClients : IConsultantClients
{
    private readonly ConcurrentDictionary<(Guid User, Guid Partner), ConcurrentDictionary<Guid, string>> _served = new();

    public void Serve(Guid userId, Guid partnerId, TestOrganization client) => _served.GetOrAdd((userId, partnerId), _ => new())[client.Id] = client.Name;

    public void Leave(Guid userId, Guid partnerId, TestOrganization client) => _served.GetOrAdd((userId, partnerId), _ => new()).TryRemove(client.Id, out _);

    public Task<IReadOnlyList<ConsultantClient>> ClientsOfAsync(Guid consultantUserId, Guid partnerId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ConsultantClient>>(_served.TryGetValue((consultantUserId, partnerId), out var clients)
            ? clients.Select(c => new ConsultantClient(c.Key, c.Value)).OrderBy(c => c.Name).ToList()
            : []);
}

/// <summary>Solutions by organization and builder, answered for the current organization as the solutions module does.</summary>
public sealed class TestSolutionCatalog
{
    private readonly ConcurrentDictionary<Guid, ConcurrentBag<SolutionSummary>> _byOrganization = new();

    public SolutionSummary Add(TestOrganization organization, Guid builtBy, string name)
    {
        var solution = new SolutionSummary(Guid.NewGuid(), name, Guid.NewGuid(), builtBy, null);
        _byOrganization.GetOrAdd(organization.Id, _ => []).Add(solution);
        return solution;
    }

    public ISolutionCatalog In(ITenantContext tenants) => new Catalog(this, tenants);

    private sealed class Catalog(TestSolutionCatalog solutions, ITenantContext tenants) : ISolutionCatalog
    {
        public Task<IReadOnlyList<SolutionSummary>> BuiltByAsync(Guid userId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SolutionSummary>>(tenants.Current is { } current && solutions._byOrganization.TryGetValue(current.Id, out var all)
                ? all.Where(s => s.BuiltByUserId == userId).OrderBy(s => s.Name).ToList()
                : []);

        public Task<int> CopyToRecipeLibraryAsync(IReadOnlyCollection<Guid> solutionIds, Guid partnerId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Billing copies nothing.");

        public Task<IReadOnlyList<SolutionListingSummary>> PublishedListingsAsync(IReadOnlyCollection<Guid>? publisherIds = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SolutionListingSummary>>([]);
    }
}

/// <summary>A partner with a consultant among its people.</summary>
public sealed record ConsultingPartner(TestOrganization Partner, PortalUser Consultant)
{
    public Consultant As(TenantInfo partner) => new(Consultant.Id, partner);
}

/// <summary>A client the consultant serves, with its owner and a member who is not an owner.</summary>
public sealed record ServedClient(TestOrganization Client, PortalUser Owner, PortalUser Member);

/// <summary>Partners, consultants, clients, SLAs and passes of the invoicing job, as the billing tests need them.</summary>
public sealed class ConsultingWorld(ConsultingPortalFactory factory, TestWorld world)
{
    public async Task<ConsultingPartner> PartnerAsync(string name = "Northwind Consulting", string? prefix = null)
    {
        var partner = await world.CreateOrganizationAsync(name, OrganizationKind.Partner, configure: o =>
        {
            o.Branding.MailFromName = name;
            o.Branding.SupportEmail = "billing@" + o.Slug + ".test";
        });
        var consultant = await ConsultantOfAsync(partner);
        var result = new ConsultingPartner(partner, consultant);
        if (prefix is not null) await SetPrefixAsync(result, prefix);
        return result;
    }

    /// <summary>Another consultant of the same partner.</summary>
    public async Task<PortalUser> ConsultantOfAsync(TestOrganization partner)
    {
        var consultant = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, consultant, OrganizationRole.Member);
        return consultant;
    }

    /// <param name="reseller">The reseller the client belongs to (white-labelled: it never reads the platform's name), if any.</param>
    public async Task<ServedClient> ClientAsync(ConsultingPartner partner, string? name = null, PortalUser? consultant = null, TestOrganization? reseller = null)
    {
        var client = await world.CreateOrganizationAsync(name ?? $"Client {TestWorld.UniqueSlug()}", reseller: reseller);
        var owner = await world.CreateUserAsync();
        await world.AddMemberAsync(client, owner, OrganizationRole.Owner);
        var member = await world.CreateUserAsync();
        await world.AddMemberAsync(client, member, OrganizationRole.Admin);
        factory.Seats.Serve((consultant ?? partner.Consultant).Id, partner.Partner.Id, client);
        return new ServedClient(client, owner, member);
    }

    /// <summary>Records an SLA the way the consultant's page does; returns its id.</summary>
    public async Task<Guid> SlaAsync(ConsultingPartner partner, ServedClient client, decimal fee = 300m, string currency = "EUR", int terms = 14, int grace = 7, DateOnly? startsOn = null, PortalUser? consultant = null)
    {
        var (id, error) = await WithBillingAsync(partner, consultant, (billing, who) => billing.RecordAsync(who, client.Client.Id,
            new SlaInput(fee.ToString(System.Globalization.CultureInfo.InvariantCulture), currency, terms.ToString(System.Globalization.CultureInfo.InvariantCulture),
                grace.ToString(System.Globalization.CultureInfo.InvariantCulture), InvoiceSchedule.Date(startsOn ?? new DateOnly(2026, 1, 1)), "IBAN NL00 TEST 0000 0000 00")));
        Assert.Null(error);
        return id!.Value;
    }

    public async Task SetPrefixAsync(ConsultingPartner partner, string prefix, PortalUser? consultant = null) =>
        Assert.Null(await WithBillingAsync(partner, consultant, (billing, who) => billing.SetPrefixAsync(who, prefix)));

    /// <summary>One pass of the invoicing job as of <paramref name="now"/>, in a scope of its own as the job runner runs it.</summary>
    public async Task<InvoicingPass> RunPassAsync(DateTime now)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConsultantInvoicing>().RunPassAsync(now);
    }

    public Task<List<ConsultantInvoice>> InvoicesAsync(TestOrganization client) =>
        world.InTenantAsync(client, db => db.Set<ConsultantInvoice>().AsNoTracking().OrderBy(i => i.Period).ThenBy(i => i.Number).ToListAsync());

    public Task<List<ServiceLevelAgreement>> SlasAsync(TestOrganization client) =>
        world.InTenantAsync(client, db => db.Set<ServiceLevelAgreement>().AsNoTracking().ToListAsync());

    public Task<List<string>> AuditAsync(TestOrganization org, string prefix) =>
        world.InTenantAsync(org, db => db.AuditEntries.AsNoTracking().Where(a => a.Action.StartsWith(prefix)).OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToListAsync());

    public async Task<PortalClient> SignedInAsync(string host, PortalUser user)
    {
        var client = factory.ClientFor(host);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!)).StatusCode);
        return client;
    }

    private async Task<T> WithBillingAsync<T>(ConsultingPartner partner, PortalUser? consultant, Func<ConsultantBilling, Consultant, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(partner.Partner.Id))!;
        return await work(scope.ServiceProvider.GetRequiredService<ConsultantBilling>(), new Consultant((consultant ?? partner.Consultant).Id, tenant));
    }
}
