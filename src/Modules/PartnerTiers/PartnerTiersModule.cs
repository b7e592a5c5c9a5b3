using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Deals;
using PartnerPortal.PartnerTiers.Directory;
using PartnerPortal.PartnerTiers.Profiles;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.PartnerTiers;

/// <summary>
/// The operator's partner program (P1–P12, R6, R14): points from a ledger of sold and managed MRR,
/// badges and deals, tiers with incentives, specializations, deal registration, case studies, disputes
/// and the public partner directory. Area "PartnerTiers", tables <c>PartnerTiers_*</c>.
/// </summary>
public sealed class PartnerTiersModule : IPortalModule
{
    public const string ModuleName = "PartnerTiers";

    public string Name => ModuleName;

    public string Title => "Partner program: tiers, points, deals and the partner directory";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // Program settings, points ledger, managed relationships, tiers and incentives (P1–P7, P11, P12, R6, R14).
        services.AddPartnerLedger(configuration);

        // Deal registration, case studies and ledger disputes (P8, P10, P12).
        services.AddDealsAndReviews();

        // The public partner directory and partners' profiles (P9).
        services.AddPartnerDirectory();

        // The demo, in the order its parts depend on.
        services.AddScoped<IDemoDataContributor, Demo.PartnerTiersDemo>();

        // The host lists modules, not assemblies: the module brings its own pages in as an application part.
        var assembly = typeof(PartnerTiersModule).Assembly;
        services.AddMvcCore().ConfigureApplicationPartManager(parts =>
        {
            if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
            foreach (var part in new ConsolidatedAssemblyApplicationPartFactory().GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
        });
    }

    public void ConfigurePages(PageConventionCollection conventions) => conventions
        // Program settings (platform) and the partner's program page
        .AllowProgramPages(Name)
        // Deal registration, case studies and ledger disputes
        .AllowDealsAndReviews(Name)
        // The public partner directory and partners' profiles (P9)
        .AllowDirectoryPages(Name);

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        // The ledger, disputes, deals and case studies
        PartnerTiersModel.Configure(modelBuilder);
        // Managed relationships, tiers, tier history, badges
        ProgramModel.Configure(modelBuilder);
        // Directory profiles
        ProfilesModel.Configure(modelBuilder);
    }

    public IEnumerable<NavItem> Navigation => [.. ProgramRegistration.Navigation, .. DealsAndReviews.Navigation];

    public IEnumerable<NavItem> Settings => [.. DirectoryRegistration.Settings];
}
