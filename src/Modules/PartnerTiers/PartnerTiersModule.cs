using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Directory;
using PartnerPortal.PartnerTiers.Profiles;

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
        // The public partner directory and partners' profiles (P9).
        services.AddPartnerDirectory();

        // The host lists modules, not assemblies: the module brings its own pages in as an application part.
        var assembly = typeof(PartnerTiersModule).Assembly;
        services.AddMvcCore().ConfigureApplicationPartManager(parts =>
        {
            if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
            foreach (var part in new ConsolidatedAssemblyApplicationPartFactory().GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
        });
    }

    public void ConfigurePages(PageConventionCollection conventions)
    {
        // The public partner directory and partners' profiles (P9).
        conventions.AllowDirectoryPages(Name);
    }

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        // The ledger, disputes, deals and case studies
        PartnerTiersModel.Configure(modelBuilder);
        // Directory profiles
        ProfilesModel.Configure(modelBuilder);
    }

    public IEnumerable<NavItem> Navigation => [];

    public IEnumerable<NavItem> Settings => [.. DirectoryRegistration.Settings];
}
