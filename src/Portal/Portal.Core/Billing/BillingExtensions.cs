using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerPortal.Jobs;

namespace PartnerPortal.Billing;

public static class BillingExtensions
{
    /// <summary>Plans, subscriptions, limits and the trial job (R6–R8, R14).</summary>
    public static IServiceCollection AddPortalBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BillingOptions>(configuration.GetSection(BillingOptions.Section));
        // Modules are added first: a records module's usage wins, else there are no records to count.
        services.TryAddScoped<IRecordUsage, NoRecordUsage>();
        services.AddScoped<AccountPlans>();
        services.AddScoped<OverLimitMarks>();
        services.AddScoped<IPlanLimits, PlanLimits>();
        services.AddScoped<Subscriptions>();
        services.AddPortalJob<TrialJob, BillingOptions>(TrialJob.JobName, "Reminds trial accounts before their trial ends, ends trials and clears over-limit marks", o => o.JobInterval);
        return services;
    }
}
