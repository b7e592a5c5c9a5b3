using Microsoft.AspNetCore.Mvc;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.ConsultantSeats.SignUp;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Areas.ConsultantSeats.Pages.Consulting;

/// <summary>
/// A consultant's own page on their partner's host (C1, C2, C5): their certification, their seats
/// across clients (with links to the clients' hosts, and leaving one), and their sign-up link
/// (made, renewed, revoked). The invoices add SLAs and invoices under <c>/consulting/…</c>.
/// </summary>
public sealed class IndexModel(Certifications certifications, SeatOverview overview, Seating seating, SignUpLinks links, ITenantContext tenants) : SeatPage
{
    public TenantInfo Partner => HttpContext.Tenancy()!.Tenant!;

    public IReadOnlyList<ConsultantCertification> Certifications { get; private set; } = [];

    public bool IsCertified { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<SeatView> Seats { get; private set; } = [];

    public SignUpLink? Link { get; private set; }

    public string? LinkUrl { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRenewLinkAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await links.RenewAsync(UserId, cancellationToken), "/consulting", () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostRevokeLinkAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await links.RevokeAsync(UserId, cancellationToken), "/consulting", () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostLeaveAsync(Guid seatId, bool confirm, CancellationToken cancellationToken)
    {
        if (await overview.ClientOfConsultantSeatAsync(seatId, UserId, Partner.Id, cancellationToken) is not { } client) return NotFound();
        if (!confirm) return await FailAsync("Tick the box to confirm that you leave: only the client can give you a seat again.", () => LoadAsync(cancellationToken));
        SeatResult? result;
        using (tenants.Change(client))
        {
            result = await seating.LeaveAsync(seatId, UserId, cancellationToken);
        }

        return await AfterAsync(result, "/consulting", () => LoadAsync(cancellationToken));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = certifications.Today;
        Certifications = await certifications.HeldHereAsync(UserId, cancellationToken);
        IsCertified = await certifications.IsCertifiedAsync(UserId, Partner.Id, cancellationToken);
        Seats = await overview.ForConsultantAsync(UserId, Partner.Id, cancellationToken);
        Link = await links.CurrentAsync(UserId, cancellationToken);
        LinkUrl = Link is null ? null : links.UrlOf(Link);
    }
}
