using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;

namespace PartnerPortal.ConsultantSeats.Billing;

public static class BillingServices
{
    /// <summary>SLAs, monthly invoices, their job and demo data (C10).</summary>
    public static IServiceCollection AddConsultantBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IConsultantClients, SeatedConsultantClients>();
        services.AddScoped<ConsultantBilling>();
        services.AddScoped<InvoiceIssuing>();
        services.AddScoped<SuspensionOffers>();
        services.AddScoped<IDemoDataContributor, BillingDemo>();
        // Hourly: a month's invoices go out within the hour it starts, and a missed run costs nothing.
        var interval = configuration.GetValue("ConsultantSeats:InvoiceJobInterval", TimeSpan.FromHours(1));
        services.AddPortalJob<ConsultantInvoicing>(ConsultantInvoicing.JobName, "Issues consultants' monthly invoices under their SLAs and marks unpaid ones overdue", interval, ConsultantSeatsModule.ModuleName);
        return services;
    }
}
