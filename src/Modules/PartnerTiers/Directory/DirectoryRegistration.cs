using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Profiles;

namespace PartnerPortal.PartnerTiers.Directory;

/// <summary>The public partner directory (P9) and the partners' own profiles: services, pages, shell items.</summary>
public static class DirectoryRegistration
{
    private static readonly Audience PartnerAdmins = Audience.Members(OrganizationRole.Admin, OrganizationKind.Partner);

    public static IServiceCollection AddPartnerDirectory(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddScoped<PartnerDirectory>();
        services.AddScoped<PartnerProfiles>();
        services.AddScoped<IDemoDataContributor, ProfilesDemo>();
        return services;
    }

    /// <summary>The directory is anyone's (its pages answer only on the platform host); a profile is its partner's admins'.</summary>
    public static PageConventionCollection AllowDirectoryPages(this PageConventionCollection conventions, string area) => conventions
        .AllowArea(area, "/Directory", Audience.Anyone)
        .AllowArea(area, "/Profiles", PartnerAdmins);

    public static IEnumerable<NavItem> Settings => [new("Directory profile", "/program/profile", PartnerAdmins, 70)];

    /// <summary>
    /// Anonymous visitors get a page every cache may keep for the directory's own lifetime; a
    /// signed-in visitor's page (with their menu) stays theirs.
    /// </summary>
    public static void Cacheable(HttpContext context)
    {
        context.Response.Headers.CacheControl = context.User.Identity?.IsAuthenticated == true
            ? "private, no-cache"
            : $"public, max-age={(int)PartnerDirectory.Lifetime.TotalSeconds}";
        context.Response.Headers.Vary = "Cookie";
    }
}
