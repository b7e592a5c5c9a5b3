using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Branding;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Mail;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests;

/// <summary>T7: e-mail shows the organization's logo, colours, name and support contact, in its theme's e-mail layout.</summary>
public sealed class BrandedMailShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task ShowTheLogoFromTheOrganizationsOwnPrimaryHost()
    {
        var domain = $"{TestWorld.UniqueSlug("mail")}.example.test";
        var org = await World.CreateOrganizationAsync("Logo Dental", customDomain: domain, configure: o =>
        {
            o.Branding.PrimaryColor = "#0E7C86";
            o.Branding.AccentColor = "#B45309";
            o.Branding.SupportPhone = "+1 555 0142";
            o.Branding.SupportUrl = "https://help.logo.test/";
        });
        var version = await WithLogoAsync(org);
        var to = $"{TestWorld.UniqueSlug("to")}@people.test";
        await QueueResetAsync(org, to);

        var message = await Factory.Smtp.WaitForMessageAsync(to);
        Assert.Contains($"<img src=\"http://{domain}/branding/logo?v={version}\"", message.HtmlBody);
        Assert.Contains("background:#0E7C86", message.HtmlBody);
        Assert.Contains("color:#B45309", message.HtmlBody);
        Assert.Contains("Logo Dental", message.HtmlBody);
        Assert.Contains("Phone: +1 555 0142", message.TextBody);
        Assert.Contains("Help: https://help.logo.test/", message.TextBody);
    }

    [Fact]
    public async Task RenderInTheThemesOwnEmailLayoutOrFallBackToDefaults()
    {
        var bold = await World.CreateOrganizationAsync("Bold Gym", configure: o => o.Branding.Theme = "bold");
        var ledger = await World.CreateOrganizationAsync("Ledger Law", configure: o => o.Branding.Theme = "ledger");
        var toBold = $"{TestWorld.UniqueSlug("bold")}@people.test";
        var toLedger = $"{TestWorld.UniqueSlug("ledger")}@people.test";
        await QueueResetAsync(bold, toBold);
        await QueueResetAsync(ledger, toLedger);

        var boldMessage = await Factory.Smtp.WaitForMessageAsync(toBold);
        var ledgerMessage = await Factory.Smtp.WaitForMessageAsync(toLedger);
        Assert.Contains("data-theme=\"bold\"", boldMessage.HtmlBody); // bold's own layout
        Assert.Contains("background:#09090b", boldMessage.HtmlBody);
        Assert.DoesNotContain("data-theme", ledgerMessage.HtmlBody); // ledger has none: default's
        Assert.Contains("background:#f3f4f6", ledgerMessage.HtmlBody);
        Assert.Contains("Choose a new password", boldMessage.HtmlBody); // default's body in both
        Assert.Contains("Choose a new password", ledgerMessage.HtmlBody);
    }

    [Fact]
    public async Task BrandAResellersClientsMailWithTheResellersThemeAndSupportButNeverThePlatform()
    {
        var reseller = await World.CreateOrganizationAsync("Mail Partner", OrganizationKind.Partner, configure: o =>
        {
            o.Branding.ClientTheme = "bold";
            o.Branding.SupportEmail = "help@mail-partner.test";
        });
        var client = await World.CreateOrganizationAsync("<b>Client</b> & Co", reseller: reseller);
        var to = $"{TestWorld.UniqueSlug("client")}@people.test";
        await QueueResetAsync(client, to);

        var message = await Factory.Smtp.WaitForMessageAsync(to);
        Assert.Contains("data-theme=\"bold\"", message.HtmlBody);
        Assert.Contains("help@mail-partner.test", message.HtmlBody);
        Assert.Contains("&lt;b&gt;Client&lt;/b&gt; &amp; Co", message.HtmlBody);
        Assert.DoesNotContain("<b>Client</b>", message.HtmlBody);
        Assert.DoesNotContain("Cloudbase", message.HtmlBody + message.TextBody + message.Subject + message.From);
    }

    private async Task<string> WithLogoAsync(TestOrganization org)
    {
        var content = TestImages.Svg("#0E7C86");
        var version = BrandImages.Version(content);
        await World.InTenantAsync(org, async db =>
        {
            db.BrandAssets.Add(new BrandAsset { Kind = BrandAssetKind.Logo, ContentType = BrandImages.Svg, Content = content, Version = version });
            var organization = await db.Organizations.FindAsync(org.Id);
            organization!.Branding.LogoVersion = version;
            return await db.SaveChangesAsync();
        });
        return version;
    }

    private async Task QueueResetAsync(TestOrganization org, string to)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdAsync(org.Id))!;
        using var _ = scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant);
        scope.ServiceProvider.GetRequiredService<IMailer>().Queue("password-reset",
            new Dictionary<string, string?> { ["email"] = to, ["reset_url"] = $"http://{org.Host}/account/reset-password" }, new MailRecipient(to));
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().SaveChangesAsync();
    }
}
