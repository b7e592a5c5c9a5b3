using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using PartnerPortal.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Billing;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Automation;
using PartnerPortal.Solutions.Demo;
using PartnerPortal.Solutions.Deployment;
using PartnerPortal.Solutions.Recipes;
using PartnerPortal.Solutions.Records;
using PartnerPortal.Solutions.Suspension;

namespace PartnerPortal.Solutions;

/// <summary>Solutions, recipes and sharing (S1–S5): area "Solutions", tables <c>Solutions_*</c>.</summary>
public sealed class SolutionsModule : IPortalModule
{
    public const string ModuleName = "Solutions";

    public string Name => ModuleName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SolutionAccess>();
        services.AddScoped<SolutionLibrary>();
        services.AddScoped<WorkspaceTransfer>();
        services.AddScoped<SolutionSuspensions>();
        services.AddScoped<SolutionDeployment>();
        services.AddScoped<RecipeLibraries>();
        services.AddScoped<RecipeUpdates>();
        services.AddScoped<SolutionRemoval>();
        services.AddScoped<ISolutionCatalog, SolutionCatalog>();
        services.AddScoped<Center.SolutionCenter>();
        services.AddScoped<IResellerMergeStep, RecipesMergeStep>();
        services.AddScoped<RecordStore>();
        services.AddScoped<RecordScope>();
        services.AddScoped<RecordQuery>();
        services.AddScoped<RecordImport>();
        services.AddScoped<RunQueue>();
        // Import progress lives in the distributed cache (a shared one, where the host configures it, wins over this default).
        services.AddDistributedMemoryCache();
        services.AddSingleton<ImportProgress>();
        services.AddPortalJob<RecordImportJob>(RecordImportJob.JobName, "Imports confirmed CSV and Excel files too large to import at once", RecordImportJob.Interval, ModuleName);
        services.AddScoped<RecordExport>();
        services.AddSingleton<ExportProgress>();
        services.AddPortalJob<RecordExportJob>(RecordExportJob.JobName, "Writes the files of large CSV and Excel exports and deletes them a day later", RecordExportJob.Interval, ModuleName);
        services.AddScoped<IRecordUsage, RecordUsage>();
        services.AddScoped<IDemoDataContributor, SolutionsDemo>();
        services.AddPortalJob<RuleRunner>(RuleRunner.JobName, "Runs the automation rules of changed records", RuleRunner.Interval, ModuleName);
        services.AddPortalJob<SolutionPurge>(SolutionPurge.JobName, "Purges deleted solutions after their grace period", SolutionPurge.Interval, ModuleName);

        // The host lists modules, not assemblies: the module brings its own pages in as an application part.
        var assembly = typeof(SolutionsModule).Assembly;
        services.AddMvcCore().ConfigureApplicationPartManager(parts =>
        {
            if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
            foreach (var part in new ConsolidatedAssemblyApplicationPartFactory().GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
        });
    }

    private static readonly Audience PartnerAdmins = Audience.Members(OrganizationRole.Admin, OrganizationKind.Partner);

    public void ConfigurePages(PageConventionCollection conventions) => conventions
        .AllowArea(Name, "/", Audience.Members())
        .AllowAreaPage(Name, "/Shares", Audience.Members(OrganizationRole.Admin))
        .AllowAreaPage(Name, "/Updates", Audience.Members(OrganizationRole.Admin))
        .AllowAreaPage(Name, "/Deleted", Audience.Members(OrganizationRole.Admin))
        .AllowAreaPage(Name, "/MoveWorkspace", Audience.Members(OrganizationRole.Admin))
        .AllowAreaPage(Name, "/Library", PartnerAdmins)
        // The Solution Center (S6): public pages answer on the platform host only; partners' admins list, clients' admins install.
        .AllowArea(Name, "/Center", Audience.Anyone)
        .AllowAreaPage(Name, "/Center/Listings", PartnerAdmins)
        .AllowAreaPage(Name, "/Center/Install", Audience.Members(OrganizationRole.Admin, OrganizationKind.Client));

    public void ConfigureModel(ModelBuilder modelBuilder) => SolutionsModel.Configure(modelBuilder);

    public string Title => "Solutions and recipes";

    public IEnumerable<NavItem> Navigation =>
    [
        new NavItem("Solutions", "/solutions", Audience.Members(), 10),
        new NavItem("Solution Center listings", "/solutions/listings", PartnerAdmins, 12),
    ];

    public IEnumerable<ShellSection> HomeSections => [new ShellSection("SolutionsHome", Audience.Members(), 20)];

    public IEnumerable<NavItem> WorkspaceActions =>
    [
        new("Solutions", "/solutions", Audience.Members(), 10),
        new("Recipe library", "/solutions/workspaces/{workspaceId}/library", PartnerAdmins, 60),
        new("Move to another organization", "/solutions/workspaces/{workspaceId}/move", Audience.Members(OrganizationRole.Admin), 90),
    ];

    public IEnumerable<LinkTemplate> Links => [new(LinkPurposes.SolutionSuspension, "/solutions/{solutionId}/suspension", Audience.Members())];
}
