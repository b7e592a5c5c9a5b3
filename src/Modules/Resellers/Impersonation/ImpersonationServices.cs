using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Resellers.Impersonation;

internal static class ImpersonationServices
{
    public static IServiceCollection AddImpersonation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ImpersonationOptions>(configuration.GetSection("Impersonation"));
        services.AddScoped<ImpersonationTickets>();
        services.AddScoped<ImpersonationSessions>();
        services.AddScoped<ImpersonationPolicies>();
        services.AddScoped<ClientLogIn>();
        services.AddScoped<ImpersonationHandOver>();
        services.AddScoped<PartnerAccessOverview>();
        services.AddSingleton<ImpersonationCookie>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(sp => sp.GetRequiredService<ImpersonationCookie>());
        services.AddSingleton<IPostConfigureOptions<SecurityStampValidatorOptions>>(sp => sp.GetRequiredService<ImpersonationCookie>());
        return services;
    }
}
