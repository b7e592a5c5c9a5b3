using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Billing;

public static class BillingExtensions
{
    /// <summary>Plans, subscriptions, limits and the trial job (R6–R8, R14).</summary>
    public static IServiceCollection AddPortalBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BillingOptions>(configuration.GetSection(BillingOptions.Section));
        services.AddScoped<AccountPlans>();
        services.AddScoped<OverLimitMarks>();
        services.AddScoped<IPlanLimits, PlanLimits>();
        services.AddScoped<Subscriptions>();
        services.AddSingleton<TrialJob>();
        services.AddHostedService(sp => sp.GetRequiredService<TrialJob>());
        return services;
    }
}
