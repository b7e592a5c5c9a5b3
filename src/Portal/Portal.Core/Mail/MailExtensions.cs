using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerPortal.Jobs;

namespace PartnerPortal.Mail;

public static class MailExtensions
{
    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<EmailRenderer>();
        services.AddScoped<IMailer, Mailer>();
        services.AddScoped<SenderDomain>();
        services.AddSingleton<DkimSigning>();
        services.AddSingleton<Func<IMailTransport>>(sp => () =>
            string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<PickupFolderMailTransport>(sp)
                : ActivatorUtilities.CreateInstance<SmtpMailTransport>(sp));
        services.AddSingleton<SharedMailTransport>();
        services.AddPortalJob<OutboxDispatcher, MailOptions>(OutboxDispatcher.JobName, "Sends queued e-mail", o => o.PollInterval);
        return services;
    }
}
