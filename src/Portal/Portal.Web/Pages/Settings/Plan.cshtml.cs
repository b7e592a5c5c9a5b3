using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// The organization's plan, usage against limits, trial and billing mode (R6, R7, R14), for its
/// admins. A reseller-billed client's plan is read-only here: only the reseller changes it, from
/// its host or logged in as the client. The client never sees its reseller's cost or discount.
/// </summary>
public sealed class PlanModel(AccountPlans plans, Subscriptions subscriptions) : PageModel
{
    public AccountPlan Account { get; private set; } = null!;

    public IReadOnlyList<Plan> Offered { get; private set; } = [];

    public string SupportContact { get; private set; } = string.Empty;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The reseller of this client, logged in as it (R5).</summary>
    public bool ResellerAsClient => HttpContext.Tenancy()!.Tenant!.ResellerId is { } reseller && User.ImpersonatingResellerId() == reseller;

    public PlanActor Actor => ResellerAsClient ? PlanActor.ResellerAsClient : PlanActor.ClientAdmin;

    public bool CanChangePlan => Subscriptions.WhyNotChangePlan(Account, Actor) is null;

    /// <summary>List prices are the client's business only when it pays the platform itself.</summary>
    public bool ShowsListPrices => !Account.IsResellerBilled;

    public BillingSide? PendingFrom => Subscriptions.SideOf(Account);

    public async Task<IActionResult> OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostPlanAsync(Guid planId, CancellationToken cancellationToken) =>
        ActAsync(() => subscriptions.ChangePlanAsync(TenantId, planId, Actor, cancellationToken), "The plan was changed.", cancellationToken);

    public Task<IActionResult> OnPostTrialAsync(CancellationToken cancellationToken) =>
        ActAsync(() => subscriptions.StartTrialAsync(TenantId, Actor, cancellationToken), "The free trial has started: everything is unlimited for 7 days.", cancellationToken);

    public Task<IActionResult> OnPostBillingModeAsync(BillingMode mode, CancellationToken cancellationToken) =>
        ActAsync(() => ClientOnly() ?? subscriptions.RequestBillingModeAsync(TenantId, mode, BillingSide.Client, cancellationToken), "Your request was sent; the billing mode changes once your provider accepts it.", cancellationToken);

    public Task<IActionResult> OnPostAnswerAsync(bool accept, CancellationToken cancellationToken) =>
        ActAsync(() => ClientOnly() ?? subscriptions.AnswerBillingModeAsync(TenantId, accept, BillingSide.Client, cancellationToken), accept ? "The billing mode was switched." : "The request was declined; nothing changed.", cancellationToken);

    private Guid TenantId => HttpContext.Tenancy()!.Tenant!.Id;

    // The client's consent is its own: a reseller logged in as the client cannot give it for them (R14).
    private Task<string?>? ClientOnly() =>
        User.IsImpersonating() ? Task.FromResult<string?>("While logged in as the client, the billing mode is answered by the client's own admins. Use your dashboard to ask them.") : null;

    private async Task<IActionResult> ActAsync(Func<Task<string?>> action, string done, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Error = "Choose one of the listed options.";
        }
        else if (await action() is { } error)
        {
            Error = error;
        }
        else
        {
            return RedirectToPage(new { message = done });
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Account = (await plans.GetAsync(TenantId, cancellationToken))!;
        Offered = await plans.OfferedAsync(cancellationToken);
        SupportContact = await plans.SupportContactAsync(Account.Organization, cancellationToken);
    }
}
