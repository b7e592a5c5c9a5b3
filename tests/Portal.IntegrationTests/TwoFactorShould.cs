using System.Net;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Pages.Account;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A6: two-factor sign-in with an authenticator app (Identity's token providers) and one-time
/// recovery codes, required of platform admins and partner staff when the platform says so.
/// </summary>
public sealed class TwoFactorShould(TwoFactorShould.RequiringFactory factory) : PortalTest<TwoFactorShould.RequiringFactory>(factory)
{
    public sealed class RequiringFactory() : PortalFactory(new Dictionary<string, string?>
    {
        ["Accounts:TwoFactor:PlatformAdmins"] = "true",
        ["Accounts:TwoFactor:PartnerStaff"] = "true",
    });

    [Fact]
    public async Task MakeAPlatformAdminTurnItOnThenAskForACodeOrARecoveryCodeOnce()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var first = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SignInAsync(admin.Email!)).StatusCode);
        var sent = await first.GetAsync("/platform/organizations");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/account/two-factor", sent.Headers.Location!.OriginalString);

        var (setUp, page) = await first.GetPageAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, setUp.StatusCode);
        Assert.NotNull(page.QuerySelector("figure.qr-code svg"));
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", string.Empty).ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));

        var wrong = await first.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = NotNow(totp) }, "/account/two-factor?handler=Enable");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Equal(TwoFactorModel.WrongCodeMessage, (await PortalClient.ParseAsync(wrong)).QuerySelector("#code-error")!.TextContent.Trim());
        Assert.False(await World.GlobalAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));

        var on = await first.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = totp.ComputeTotp() }, "/account/two-factor?handler=Enable");
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var codes = (await PortalClient.ParseAsync(on)).QuerySelectorAll("ul.recovery-codes code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(TwoFactorModel.RecoveryCodeCount, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/platform/organizations")).StatusCode);
        Assert.Contains("account.two_factor_enabled", await World.GlobalAsync(db => db.PlatformAudit.IgnoreQueryFilters(["Tenant"]).Where(a => a.UserId == admin.Id).Select(a => a.Action).ToListAsync()));

        // Another browser: the password alone signs nobody in.
        using var second = Factory.ClientFor(PortalFactory.PlatformDomain);
        var password = await second.SignInAsync(admin.Email!);
        Assert.Equal("/account/signin-code", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/platform/organizations")).StatusCode);
        var badCode = await second.PostFormAsync("/account/signin-code", new Dictionary<string, string> { ["Code"] = NotNow(totp) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badCode.StatusCode);
        Assert.Equal(SignInCodeModel.WrongCodeMessage, (await PortalClient.ParseAsync(badCode)).QuerySelector("[role=alert]")!.TextContent.Trim());
        var withCode = await second.PostFormAsync("/account/signin-code", new Dictionary<string, string> { ["Code"] = totp.ComputeTotp() });
        Assert.Equal("/platform/organizations", withCode.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/platform/organizations")).StatusCode);

        // A recovery code works once.
        using var third = Factory.ClientFor(PortalFactory.PlatformDomain);
        await third.SignInAsync(admin.Email!);
        Assert.Equal(HttpStatusCode.Redirect, (await third.PostFormAsync("/account/signin-code", new Dictionary<string, string> { ["Code"] = codes[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/platform/organizations")).StatusCode);
        using var fourth = Factory.ClientFor(PortalFactory.PlatformDomain);
        await fourth.SignInAsync(admin.Email!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await fourth.PostFormAsync("/account/signin-code", new Dictionary<string, string> { ["Code"] = codes[0] })).StatusCode);

        // Required here: it cannot be turned off.
        var off = await second.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Password"] = TestWorld.Password }, "/account/two-factor?handler=Disable");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, off.StatusCode);
        Assert.True(await World.GlobalAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task RequireItOfPartnerStaffButNotOfAClientsPeople()
    {
        var (client, member) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        using var onClient = Factory.ClientFor(client.Host);
        await onClient.SignInAsync(member.Email!);
        Assert.Equal(HttpStatusCode.OK, (await onClient.GetAsync("/dashboard")).StatusCode);

        var partner = await World.CreateOrganizationAsync("Careful Partners", OrganizationKind.Partner);
        var staff = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, staff, OrganizationRole.Member);
        using var onPartner = Factory.ClientFor(partner.Host);
        await onPartner.SignInAsync(staff.Email!);
        var sent = await onPartner.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/account/two-factor", sent.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await onPartner.PostFormAsync("/account/sessions", new Dictionary<string, string>(), "/workspaces")).StatusCode);
    }

    [Fact]
    public async Task LetAnOwnerRequireItOfEveryoneInTheOrganizationAndNoOneElse()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Careful Dental");
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(org, admin, OrganizationRole.Admin);
        var member = await World.CreateUserAsync();
        await World.AddMemberAsync(org, member, OrganizationRole.Member);
        var (elsewhere, outsider) = await World.OrganizationWithMemberAsync(OrganizationRole.Member);
        using var memberClient = Factory.ClientFor(org.Host);
        await memberClient.SignInAsync(member.Email!);
        Assert.Equal(HttpStatusCode.OK, (await memberClient.GetAsync("/dashboard")).StatusCode);

        // An admin manages people but not this: the page shows the state, and a forged post changes nothing.
        using var adminClient = Factory.ClientFor(org.Host);
        await adminClient.SignInAsync(admin.Email!);
        var (_, adminPage) = await adminClient.GetPageAsync("/settings/members");
        Assert.Null(adminPage.QuerySelector("input[name=require][type=checkbox]"));
        var refused = await adminClient.PostFormAsync("/settings/members", new Dictionary<string, string> { ["require"] = "true" }, "/settings/members?handler=TwoFactor");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Only an owner", (await PortalClient.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        Assert.False(await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.RequireTwoFactor).SingleAsync()));

        using var ownerClient = Factory.ClientFor(org.Host);
        await ownerClient.SignInAsync(owner.Email!);
        // A browser posts the ticked box before the hidden "false", and a bool binds the first value.
        var (_, ownerPage) = await ownerClient.GetPageAsync("/settings/members");
        Assert.Equal(["checkbox", "hidden"], ownerPage.QuerySelectorAll("form input[name=require]").Select(i => i.GetAttribute("type")!).ToArray());
        var saved = await ownerClient.PostFormAsync("/settings/members", new Dictionary<string, string> { ["require"] = "true" }, "/settings/members?handler=TwoFactor");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Two-factor sign-in is now required for everyone in Careful Dental", Uri.UnescapeDataString(saved.Headers.Location!.OriginalString.Replace('+', ' ')));
        Assert.True(await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).Select(o => o.RequireTwoFactor).SingleAsync()));
        Assert.Equal(1, await World.InTenantAsync(org, db => db.AuditEntries.CountAsync(a => a.Action == "organization.two_factor_required" && a.UserId == owner.Id)));

        // Everyone signed in here without two factors, the owner included, is sent to turn them on; posts are refused.
        foreach (var signedIn in new[] { memberClient, adminClient, ownerClient })
        {
            var sent = await signedIn.GetAsync("/dashboard");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal("/account/two-factor", sent.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await memberClient.PostFormAsync("/account/sessions", new Dictionary<string, string>(), "/workspaces")).StatusCode);
        // Another organization's people are not concerned.
        using var outsiderClient = Factory.ClientFor(elsewhere.Host);
        await outsiderClient.SignInAsync(outsider.Email!);
        Assert.Equal(HttpStatusCode.OK, (await outsiderClient.GetAsync("/dashboard")).StatusCode);
    }

    /// <summary>Six digits the authenticator would not show in any window Identity accepts now.</summary>
    private static string NotNow(Totp totp)
    {
        var accepted = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 100).Select(i => (123456 + (i * 7919)).ToString("D6")).First(code => !accepted.Contains(code));
    }
}
