using Microsoft.AspNetCore.Mvc;
using PartnerPortal.PartnerTiers.Deals;

namespace PartnerPortal.PartnerTiers.Areas.PartnerTiers.Pages.Deals;

/// <summary>The partner's deal registrations (P8): register one, follow its review, move it through its stages.</summary>
public sealed class IndexModel(DealRegistrations deals) : ProgramWorkPage
{
    public sealed class RegisterForm
    {
        public string? Customer { get; set; }

        public string? ExpectedArr { get; set; }

        public string? Currency { get; set; } = "USD";

        public string? Stage { get; set; } = nameof(DealStage.Qualified);

        public string? CloseDate { get; set; }
    }

    [BindProperty]
    public RegisterForm Register { get; set; } = new();

    public IReadOnlyList<OwnDeal> Deals { get; private set; } = [];

    public DateOnly Today => deals.Today;

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        TakeMessage(message);
        Register.CloseDate ??= DealRegistrations.Day(deals.Today.AddMonths(3));
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken cancellationToken) =>
        await AfterAsync(await deals.RegisterAsync(new DealForm(Register.Customer, Register.ExpectedArr, Register.Currency, Register.Stage, Register.CloseDate), UserId, cancellationToken), "/program/deals", () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostStageAsync(Guid dealId, string? stage, string? closeDate, CancellationToken cancellationToken) =>
        await AfterAsync(await deals.UpdateStageAsync(dealId, stage, closeDate, cancellationToken), "/program/deals", () => LoadAsync(cancellationToken));

    private async Task LoadAsync(CancellationToken cancellationToken) => Deals = await deals.OwnAsync(cancellationToken);
}
