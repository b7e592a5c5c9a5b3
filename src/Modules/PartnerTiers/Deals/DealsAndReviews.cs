using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.Accounts;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Demo;
using PartnerPortal.PartnerTiers.Disputes;

namespace PartnerPortal.PartnerTiers.Deals;

/// <summary>
/// Deal registration (P8), case studies (P10) and ledger disputes (P12): their services, page
/// audiences and menu items (the module registers each with one line).
/// </summary>
public static class DealsAndReviews
{
    public static IServiceCollection AddDealsAndReviews(this IServiceCollection services)
    {
        services.AddScoped<PartnerNotices>();
        services.AddScoped<DealRegistrations>();
        services.AddScoped<CustomerCaseStudies>();
        services.AddScoped<LedgerDisputes>();
        // The program settings' rate replaces the default when they register theirs.
        services.TryAddScoped<IDealRegistrationDiscount, DefaultDealRegistrationDiscount>();
        services.AddScoped<DealsDemo>();
        return services;
    }

    public static PageConventionCollection AllowDealsAndReviews(this PageConventionCollection conventions, string area) => conventions
        .AllowArea(area, "/Deals", PartnerMembers)
        .AllowArea(area, "/CaseStudies", PartnerMembers)
        .AllowArea(area, "/Disputes", PartnerMembers)
        .AllowArea(area, "/Reviews", Audience.PlatformAdmins);

    /// <summary>Every member of a partner registers deals, submits case studies and disputes entries; the platform's admins review them.</summary>
    public static readonly Audience PartnerMembers = Audience.Members(OrganizationRole.Member, OrganizationKind.Partner);

    public static IEnumerable<NavItem> Navigation =>
    [
        new("Deals", "/program/deals", PartnerMembers, 32),
        new("Partner reviews", "/platform/program/deals", Audience.PlatformAdmins, 32),
    ];
}
