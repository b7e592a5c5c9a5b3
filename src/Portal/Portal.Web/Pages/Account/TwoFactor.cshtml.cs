using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Accounts;
using PartnerPortal.Web.Hosting;
using QRCoder;

namespace PartnerPortal.Web.Pages.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (A6): Identity's authenticator token provider and
/// recovery codes. Turning it on shows a QR code and asks for one code; the ten recovery codes are
/// shown once. Open to anyone signed in on this host.
/// </summary>
[EnableRateLimiting(SecurityExtensions.CredentialsPolicy)]
public sealed class TwoFactorModel(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, HostAudit audit, PortalDbContext db, IOptions<PortalOptions> portal, TwoFactorPolicy policy) : PageModel
{
    public const string WrongCodeMessage = "That code is not right. Type the six digits your app shows now.";
    public const int RecoveryCodeCount = 10;

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    public string? SharedKey { get; private set; }

    public string? QrSvg { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Shown once, right after they are made.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    [BindProperty]
    [StringLength(20)]
    public string? Code { get; set; }

    [BindProperty]
    [StringLength(200)]
    public string? Password { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        var code = (Code ?? string.Empty).Replace(" ", string.Empty).Replace("-", string.Empty);
        if (await users.GetTwoFactorEnabledAsync(user)) return RedirectToPage();
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), WrongCodeMessage);
            await LoadAsync(user);
            return Unprocessable();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Record("account.two_factor_enabled", "Turned on two-factor sign-in with an authenticator app");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // The stamp changed and the session now says two-factor is on: a fresh cookie for the same session.
        await signIn.RefreshSignInAsync(user);
        Message = "Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs you in once without your phone.";
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (!await users.GetTwoFactorEnabledAsync(user)) return RedirectToPage();
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
        audit.Record("account.recovery_codes_renewed", "Made new recovery codes; the old ones no longer work");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Message = "New recovery codes: the old ones no longer work.";
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        if (Required)
        {
            ModelState.AddModelError(nameof(Password), "Two-factor sign-in is required for your account here: it cannot be turned off.");
            return Unprocessable();
        }

        if (!await users.CheckPasswordAsync(user, Password ?? string.Empty))
        {
            ModelState.AddModelError(nameof(Password), "That is not your password. Type it again to turn two-factor sign-in off.");
            return Unprocessable();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        audit.Record("account.two_factor_disabled", "Turned off two-factor sign-in");
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        Message = "Two-factor sign-in is off. Your password alone signs you in.";
        return Page();
    }

    private async Task LoadAsync(PortalUser user)
    {
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Required = policy.Requires(User, HttpContext.Tenancy()?.Tenant);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        SharedKey = string.Join(" ", key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var issuer = HttpContext.Tenancy()?.Tenant?.Name ?? portal.Value.PlatformName;
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    private PageResult Unprocessable()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return page;
    }
}
