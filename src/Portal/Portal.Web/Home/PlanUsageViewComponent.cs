using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Home;

/// <summary>The organization home's plan section: usage against the plan's limits (R7), with the way to the plan page for admins.</summary>
public sealed class PlanUsageViewComponent(AccountPlans plans, CurrentMember member) : ViewComponent
{
    public sealed record Section(AccountPlan Account, bool CanOpenPlan);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var organization = HttpContext.Tenancy()!.Tenant!;
        var account = await plans.GetAsync(organization.Id, HttpContext.RequestAborted);
        if (account is null) return Content(string.Empty);
        return View(new Section(account, await member.HasRoleAsync(OrganizationRole.Admin, HttpContext.RequestAborted)));
    }
}
