using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.Billing;
using PartnerPortal.Jobs;
using PartnerPortal.Accounts;
using PartnerPortal.Modularity;

namespace PartnerPortal.PartnerTiers.Program;

/// <summary>The ledger's part of the module: services, jobs, page audiences and shell items (the module registers each with one line).</summary>
public static class ProgramRegistration
{
    public static IServiceCollection AddPartnerLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ProgramSettingsStore>();
        services.AddScoped<ProgramFacts>();
        services.AddScoped<ManagedActivity>();
        services.AddScoped<IPortalEventHandler>(sp => sp.GetRequiredService<ManagedActivity>());
        services.AddScoped<ProgramPage>();
        services.AddScoped<Badges>();
        services.AddScoped<PartnerMetrics>();
        services.AddScoped<ProgramDemo>();
        // The kernel's seams the program answers: partners' standing, and the reseller discount from the tier (R6, P6).
        services.Replace(ServiceDescriptor.Scoped<IPartnerStanding, ProgramStanding>());
        services.Replace(ServiceDescriptor.Scoped<IResellerDiscount, TierResellerDiscount>());
        services.AddScoped<Deals.IDealRegistrationDiscount, TierDealRegistrationDiscount>();
        services.AddPortalJob<TierRecalculation>(TierRecalculation.JobName, "Recalculates partners' points ledger and tiers, ends idle managed relationships",
            configuration.GetValue("PartnerTiers:RecalculationInterval", TimeSpan.FromHours(1)), PartnerTiersModule.ModuleName);
        return services;
    }

    public static PageConventionCollection AllowProgramPages(this PageConventionCollection conventions, string area) => conventions
        .AllowArea(area, "/ProgramAdmin", Audience.PlatformAdmins)
        .AllowArea(area, "/Program", PartnerMembers)
        .AllowAreaPage(area, "/Program/Managed", PartnerAdmins);

    public static readonly Audience PartnerMembers = Audience.Members(OrganizationRole.Member, OrganizationKind.Partner);

    private static readonly Audience PartnerAdmins = Audience.Members(OrganizationRole.Admin, OrganizationKind.Partner);

    public static IEnumerable<NavItem> Navigation =>
    [
        new("Partner program", "/platform/program", Audience.PlatformAdmins, 27),
        new("Program", "/program", PartnerMembers, 27),
    ];
}
