using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Web.Accounts;

namespace PartnerPortal.Web.Hosting;

public static class AccountExtensions
{
    public static IServiceCollection AddPortalAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        // Keys in the database, so every instance reads every cookie (A4).
        services.AddDataProtection().SetApplicationName("PartnerPortal").PersistKeysToDbContext<PortalDbContext>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));

        services.ConfigureApplicationCookie(options =>
        {
            // No Domain: the cookie is host-only, so each tenant host has its own session.
            options.Cookie.Name = ".portal.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.Events.OnValidatePrincipal = TenantBoundCookie.ValidateAsync;
            options.Events.OnSigningIn = SessionCookie.SigningInAsync;
            options.Events.OnSigningOut = SessionCookie.SigningOutAsync;
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.Configure<TwoFactorOptions>(configuration.GetSection("Accounts:TwoFactor"));
        services.AddSingleton<TwoFactorPolicy>();
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = SessionCookie.RefreshingAsync);

        services.AddAuthorization();

        services.AddScoped<AuditLog>();
        services.AddScoped<PlatformAudit>();
        services.AddScoped<HostAudit>();
        services.AddScoped<UserSessions>();
        services.AddScoped<CurrentMember>();
        services.AddScoped<PartnerPortal.Modularity.IPortalEvents, PartnerPortal.Modularity.PortalEvents>();
        services.AddScoped<OrganizationSetup>();
        services.AddScoped<Invitations>();
        services.AddSingleton<UndoTokens>();
        services.AddScoped<WorkspaceSettings>();
        services.AddScoped<PartnerClients>();
        services.AddScoped<PartnerAccess>();
        // Last activity is the kernel's (A5), whichever modules the host has.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add<LastActivity>());
        // Every platform-admin action is audited, the modules' pages included (A1).
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add<PlatformActionAudit>());
        // The partner program, when installed, registers its own (the discount from the tier, P6).
        services.TryAddSingleton<PartnerPortal.Billing.IResellerDiscount, PartnerPortal.Billing.FlatResellerDiscount>();
        return services;
    }

    /// <summary>People who must sign in with two factors here turn them on before anything else (A6).</summary>
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.UseMiddleware<TwoFactorGate>();
}
