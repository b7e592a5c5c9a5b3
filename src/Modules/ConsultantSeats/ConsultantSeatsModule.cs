using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.ConsultantSeats.Billing;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.Modularity;

namespace PartnerPortal.ConsultantSeats;

/// <summary>
/// Certified consultants in free, protected seats of their clients' workspaces, their SLAs and
/// monthly invoices (C1–C10, A5): area "ConsultantSeats", tables <c>ConsultantSeats_*</c>.
/// </summary>
public sealed class ConsultantSeatsModule : IPortalModule
{
    public const string ModuleName = "ConsultantSeats";

    public string Name => ModuleName;

    public string Title => "Consultant seats, SLAs and invoices";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // Seats: certifications, seats, invitations, sign-up links (C1–C5, A5).
        services.AddConsultantSeats(configuration);

        // SLAs and monthly invoices (C10).
        services.AddConsultantBilling(configuration);

        // The host lists modules, not assemblies: the module brings its own pages in as an application part.
        var assembly = typeof(ConsultantSeatsModule).Assembly;
        services.AddMvcCore().ConfigureApplicationPartManager(parts =>
        {
            if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
            foreach (var part in new ConsolidatedAssemblyApplicationPartFactory().GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
        });
    }

    public void ConfigurePages(PageConventionCollection conventions) => conventions
        .AllowArea(Name, "/", Audience.Members())
        // Seats
        .AllowSeatPages(Name)
        // SLAs and invoices (C10): the consultant's own, on their partner's host; the client's, for its owners.
        // After the seats' rules: the last rule that matches a page wins.
        .AllowArea(Name, "/Consulting/Billing", Consultants)
        .AllowArea(Name, "/Settings/Invoices", Owners);

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        // Seats
        ConsultantSeatsModel.Configure(modelBuilder);
        // SLAs and invoices
        BillingModel.Configure(modelBuilder);
    }

    public IEnumerable<NavItem> Navigation => [.. SeatsRegistration.Navigation];

    public IEnumerable<NavItem> Settings => [.. SeatsRegistration.Settings, new("Invoices", "/settings/invoices", Owners, 85)];

    public IEnumerable<ShellSection> HomeSections => [.. SeatsRegistration.HomeSections];

    public IEnumerable<ShellSection> AccessSections => [.. SeatsRegistration.AccessSections];

    public IEnumerable<NavItem> WorkspaceActions => [.. SeatsRegistration.WorkspaceActions];

    /// <summary>A partner's own people: a consultant bills their clients from their partner's host, never as someone logged in as it.</summary>
    private static readonly Audience Consultants = Audience.Members(OrganizationRole.Member, OrganizationKind.Partner).ExceptImpersonators();

    private static readonly Audience Owners = Audience.Members(OrganizationRole.Owner);
}
