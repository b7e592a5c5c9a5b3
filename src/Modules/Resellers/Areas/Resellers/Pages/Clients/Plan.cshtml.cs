using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Areas.Resellers.Pages.Clients;

/// <summary>
/// A client's plan seen from the reseller's host (R4, R6, R7, R14): usage against limits, status,
/// list price, the reseller's cost and its own price; change the plan of a reseller-billed client,
/// record the own price, ask for or answer a billing-mode switch, start the trial. Only linked
/// clients the user may enter (404 otherwise); support specialists see no prices, costs or billing
/// and get 403 on those handlers (R15).
/// </summary>
public sealed class ClientPlanModel(
    PartnerClients clients,
    PartnerAccess access,
    CurrentMember member,
    AccountPlans plans,
    Subscriptions subscriptions,
    IResellerDiscount discounts) : PageModel
{
    public sealed record Offer(Plan Plan, decimal Cost);

    public AccountPlan Account { get; private set; } = null!;

    public PartnerRights Rights { get; private set; } = null!;

    public IReadOnlyList<Offer> Offered { get; private set; } = [];

    public decimal DiscountRate { get; private set; }

    public decimal Cost { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    [BindProperty]
    public decimal? Price { get; set; }

    [BindProperty]
    public ResellerPriceKind PriceKind { get; set; }

    [BindProperty]
    public string? Currency { get; set; }

    public bool CanChangePlan => Rights.SeesPrices && Subscriptions.WhyNotChangePlan(Account, PlanActor.Reseller) is null;

    public BillingSide? PendingFrom => Subscriptions.SideOf(Account);

    public async Task<IActionResult> OnGetAsync(Guid clientId, string? message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(clientId, needsPrices: false, cancellationToken) is { } denied) return denied;
        Message = message;
        var sub = Account.Subscription;
        Price = sub?.ResellerPrice;
        PriceKind = sub?.ResellerPriceKind ?? ResellerPriceKind.Monthly;
        Currency = sub?.ResellerPriceCurrency ?? Account.Plan.Currency;
        return Page();
    }

    public Task<IActionResult> OnPostPlanAsync(Guid clientId, Guid planId, CancellationToken cancellationToken) =>
        ActAsync(clientId, needsPrices: true, () => subscriptions.ChangePlanAsync(clientId, planId, PlanActor.Reseller, cancellationToken), "The plan was changed.", cancellationToken);

    public Task<IActionResult> OnPostPriceAsync(Guid clientId, CancellationToken cancellationToken) =>
        ActAsync(clientId, needsPrices: true, () => subscriptions.SetResellerPriceAsync(clientId, Price, PriceKind, Currency, cancellationToken), Price is null ? "Your price was removed." : "Your price was saved.", cancellationToken,
            invalid: "Enter the price as a number, for example 49.90, and choose monthly or fixed.");

    public Task<IActionResult> OnPostBillingModeAsync(Guid clientId, BillingMode mode, CancellationToken cancellationToken) =>
        ActAsync(clientId, needsPrices: true, () => subscriptions.RequestBillingModeAsync(clientId, mode, BillingSide.Reseller, cancellationToken), "Your request was sent; the billing mode changes once the client accepts it.", cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(Guid clientId, bool accept, CancellationToken cancellationToken) =>
        ActAsync(clientId, needsPrices: true, () => subscriptions.AnswerBillingModeAsync(clientId, accept, BillingSide.Reseller, cancellationToken), accept ? "The billing mode was switched." : "The request was declined; nothing changed.", cancellationToken);

    public Task<IActionResult> OnPostTrialAsync(Guid clientId, CancellationToken cancellationToken) =>
        ActAsync(clientId, needsPrices: false, () => subscriptions.StartTrialAsync(clientId, PlanActor.Reseller, cancellationToken), "The free trial has started: everything is unlimited for 7 days.", cancellationToken);

    private async Task<IActionResult> ActAsync(Guid clientId, bool needsPrices, Func<Task<string?>> action, string done, CancellationToken cancellationToken, string invalid = "Choose one of the listed options.")
    {
        if (await LoadAsync(clientId, needsPrices, cancellationToken) is { } denied) return denied;
        Error = !ModelState.IsValid ? invalid : await action();
        if (Error is null) return RedirectToPage(new { clientId, message = done });

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(clientId, needsPrices, cancellationToken);
        return Page();
    }

    /// <summary>Null when the user may see this client's plan (and its prices, when <paramref name="needsPrices"/>); else the answer to send.</summary>
    private async Task<IActionResult?> LoadAsync(Guid clientId, bool needsPrices, CancellationToken cancellationToken)
    {
        var partner = HttpContext.Tenancy()!.Tenant!;
        if (await clients.FindAsync(clientId, cancellationToken) is null || member.UserId is not { } userId) return NotFound();
        if (await access.RightsAsync(partner.Id, userId, cancellationToken) is not { } rights) return StatusCode(StatusCodes.Status403Forbidden);
        if (!await access.CanEnterAsync(partner.Id, userId, clientId, cancellationToken)) return NotFound();
        if (needsPrices && !rights.SeesPrices) return StatusCode(StatusCodes.Status403Forbidden);

        Rights = rights;
        Account = (await plans.GetAsync(clientId, cancellationToken))!;
        if (!rights.SeesPrices) return null;
        DiscountRate = await discounts.RateAsync(partner.Id, cancellationToken);
        Cost = await subscriptions.ResellerCostAsync(partner.Id, Account.Plan, cancellationToken);
        var offered = new List<Offer>();
        foreach (var plan in await plans.OfferedAsync(cancellationToken)) offered.Add(new Offer(plan, await subscriptions.ResellerCostAsync(partner.Id, plan, cancellationToken)));
        Offered = offered;
        return null;
    }
}
