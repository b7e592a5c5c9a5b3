using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalLogging();
builder.Services
    .AddPortalModules(builder.Configuration)
    .AddPortalData(builder.Configuration, builder.Environment)
    .AddPortalTenancy(builder.Configuration)
    .AddPortalAccounts(builder.Configuration)
    .AddPortalMail(builder.Configuration)
    .AddPortalBilling(builder.Configuration)
    .AddPortalThemes(builder.Configuration)
    .AddPortalPages()
    .AddPortalSecurity(builder.Configuration)
    .AddPortalInputChecks()
    .AddPortalHealth();

var app = builder.Build();

await app.MigrateAndSeedAsync();

app.UsePortalProxies();
app.UsePortalErrorPages();
app.UseSecurityHeaders();
app.MapPortalHealth();
app.UseDevelopmentLocalhostRedirect();
app.UsePortalTenancy();
app.UsePortalStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseTwoFactorRequirement();
app.UsePortalAccess();
app.UseFormChecks();
app.MapPortalPages();
app.MapPortalModules();
app.MapOnDemandTlsCheck();
app.PrintStartupBanner();

app.Run();

public partial class Program;
