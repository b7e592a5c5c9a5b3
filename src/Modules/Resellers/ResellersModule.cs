using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using PartnerPortal.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.Resellers.Impersonation;
using PartnerPortal.Resellers.Accounts;
using PartnerPortal.Resellers.Dashboard;
using PartnerPortal.Resellers.Exports;
using Microsoft.AspNetCore.Routing;

namespace PartnerPortal.Resellers;

/// <summary>The reseller program (R1–R15, A5): area "Resellers", tables <c>Resellers_*</c>.</summary>
public sealed class ResellersModule : IPortalModule
{
    public const string ModuleName = "Resellers";

    public string Name => ModuleName;

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddImpersonation(configuration);
        services.AddScoped<IClosedOrganizations, DeletedClients>();
        services.AddScoped<ClientRows>();
        services.AddScoped<IPortalEventHandler, ClientRowsFollower>();
        services.AddScoped<ClientList>();
        services.AddScoped<ResellerProgram>();
        services.AddScoped<ClientAccounts>();
        services.AddScoped<ConnectRequests>();
        services.AddScoped<ResellerMerge>();
        // One setting for both: the dashboard repair runs as often as deleted clients are looked for.
        var maintenance = configuration.GetValue("Resellers:MaintenanceInterval", TimeSpan.FromMinutes(10));
        services.AddPortalJob<ClientPurge>(ClientPurge.JobName, "Purges deleted client accounts once their grace period has passed", maintenance, ModuleName);
        services.AddPortalJob<ClientRowsRepair>(ClientRowsRepair.JobName, "Rebuilds the client dashboard's rows from the accounts they show", maintenance, ModuleName);

        // The host lists modules, not assemblies: the module brings its own pages in as an application part.
        var assembly = typeof(ResellersModule).Assembly;
        services.AddMvcCore().ConfigureApplicationPartManager(parts =>
        {
            if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
            foreach (var part in new ConsolidatedAssemblyApplicationPartFactory().GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
        });
    }

    public void ConfigurePages(PageConventionCollection conventions) => conventions
        .AllowArea(Name, "/Clients", PartnerMembers)
        .AllowAreaPage(Name, "/Clients/New", PartnerAdmins)
        .AllowAreaPage(Name, "/Clients/Connect", PartnerAdmins)
        .AllowAreaPage(Name, "/Clients/Branding", PartnerAdmins)
        .AllowAreaPage(Name, "/Clients/Email", PartnerAdmins)
        .AllowAreaPage(Name, "/LogIn", PartnerMembers)
        .AllowArea(Name, "/Team", PartnerAdmins)
        .AllowArea(Name, "/Settings", Audience.Members(OrganizationRole.Owner))
        .AllowAreaPage(Name, "/Access", Audience.Members(OrganizationRole.Owner).ExceptImpersonators())
        // The hand-over ticket and the banner's actions are checked by the pages themselves (a ticket, an open impersonation).
        .AllowAreaPage(Name, "/Impersonate", Audience.Anyone)
        .AllowAreaPage(Name, "/Impersonation", Audience.Anyone);

    public void ConfigureModel(ModelBuilder modelBuilder) => ResellersModel.Configure(modelBuilder);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => ClientExportEndpoint.Map(endpoints, PartnerMembers);

    public string Title => "Client accounts and log in as client";

    private static readonly Audience PartnerMembers = Audience.Members(OrganizationRole.Member, OrganizationKind.Partner);

    private static readonly Audience PartnerAdmins = Audience.Members(OrganizationRole.Admin, OrganizationKind.Partner);

    public IEnumerable<NavItem> Navigation =>
    [
        new("Clients", "/clients", PartnerMembers, 20),
        new("Team", "/team", PartnerAdmins, 30),
    ];

    public IEnumerable<NavItem> Settings =>
    [
        new("Reseller", "/settings/reseller", Audience.Members(OrganizationRole.Owner), 100),
    ];

    /// <summary>Partners with access, the log-in policy, requests and every log-in, on "Who can see my data" (A5).</summary>
    public IEnumerable<ShellSection> AccessSections => [new("PartnerAccess", Audience.Members(OrganizationRole.Owner).ExceptImpersonators(), 10)];

    /// <summary>A partner's people start on their client dashboard (R4).</summary>
    public IEnumerable<NavItem> LandingPages => [new("Clients", "/clients", PartnerMembers, 0)];

    public IEnumerable<NavItem> ImpersonationActions =>
    [
        new("Back to dashboard", "/_impersonation?handler=back", Audience.Members().OnlyImpersonators(), 0),
        new("End session", "/_impersonation?handler=end", Audience.Members().OnlyImpersonators(), 10),
    ];

    public IEnumerable<LinkTemplate> Links => [new(LinkPurposes.PartnerClientPlan, "/clients/{clientId}/plan", PartnerMembers)];
}
