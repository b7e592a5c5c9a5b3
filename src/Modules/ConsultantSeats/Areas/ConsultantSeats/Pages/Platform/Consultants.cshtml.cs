using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Platform;

/// <summary>
/// Platform admins' consultants (C1, C5): grant, renew and revoke certifications (person, partner,
/// level or product, expiry), and the seat policy's notice period.
/// </summary>
public sealed class ConsultantsModel(Certifications certifications, SeatPolicy policy) : SeatPage
{
    public sealed class GrantForm
    {
        public string? Email { get; set; }

        public Guid? PartnerId { get; set; }

        public string? Level { get; set; } = Certifications.DefaultLevel;

        public string? ValidUntil { get; set; }
    }

    [BindProperty]
    public GrantForm Grant { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty]
    public string? NoticeDays { get; set; }

    public int CurrentNoticeDays { get; private set; }

    public IReadOnlyList<CertificationRow> Rows { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Partners { get; private set; } = [];

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        Grant.ValidUntil ??= certifications.Today.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken cancellationToken)
    {
        var (done, error) = await certifications.GrantAsync(new CertificationGrant(Grant.Email, Grant.PartnerId, Grant.Level, Grant.ValidUntil), UserId, cancellationToken);
        return await AfterAsync(new SeatResult(done, error), "/platform/consultants", () => LoadAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid certificationId, string? reason, CancellationToken cancellationToken)
    {
        var result = await certifications.RevokeAsync(certificationId, reason, UserId, cancellationToken);
        return await AfterAsync(result is { } r ? new SeatResult(r.Done, r.Error) : null, "/platform/consultants", () => LoadAsync(cancellationToken));
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken cancellationToken)
    {
        var (done, error) = await policy.SetNoticeDaysAsync(NoticeDays, User.Identity?.Name ?? UserId.ToString(), cancellationToken);
        return await AfterAsync(new SeatResult(done, error), "/platform/consultants", () => LoadAsync(cancellationToken));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CurrentNoticeDays = await policy.NoticeDaysAsync(cancellationToken);
        NoticeDays ??= CurrentNoticeDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Rows = await certifications.ListAsync(Search, cancellationToken: cancellationToken);
        Partners = await certifications.PartnersAsync(cancellationToken);
    }
}
