using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Web.Areas.Platform.Pages.Plans;

/// <summary>The platform's plans (R6, R7), platform host only: list, archive, restore, choose the default.</summary>
public sealed class PlansModel(PortalDbContext db, IPortalEvents events, TimeProvider time, ILogger<PlansModel> logger, PlatformAudit audit) : PageModel
{
    public IReadOnlyList<Plan> Plans { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> Accounts { get; private set; } = new Dictionary<Guid, int>();

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The plan just archived: the message offers to undo it (restore is safe to repeat).</summary>
    public Guid? Archived { get; private set; }

    public async Task OnGetAsync(string? message, Guid? archived, CancellationToken cancellationToken)
    {
        Message = message;
        Archived = archived;
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostArchiveAsync(Guid planId, CancellationToken cancellationToken) =>
        ChangeAsync(planId, plan =>
        {
            if (plan.IsDefault) return $"{plan.Name} is the default plan: new accounts start on it. Make another plan the default first.";
            if (plan.ArchivedAt is not null) return $"{plan.Name} is archived already.";
            plan.ArchivedAt = time.GetUtcNow().UtcDateTime;
            return null;
        }, "archived; accounts on it keep it, nobody new can choose it", cancellationToken, undoable: true);

    public Task<IActionResult> OnPostRestoreAsync(Guid planId, CancellationToken cancellationToken) =>
        ChangeAsync(planId, plan =>
        {
            if (plan.ArchivedAt is null) return $"{plan.Name} is not archived.";
            plan.ArchivedAt = null;
            return null;
        }, "offered again", cancellationToken);

    public Task<IActionResult> OnPostDefaultAsync(Guid planId, CancellationToken cancellationToken) =>
        ChangeAsync(planId, plan =>
        {
            if (plan.ArchivedAt is not null) return $"{plan.Name} is archived. Restore it before making it the default.";
            if (plan.IsDefault) return $"{plan.Name} is the default plan already.";
            foreach (var other in db.ChangeTracker.Entries<Plan>().Select(e => e.Entity)) other.IsDefault = false;
            plan.IsDefault = true;
            return null;
        }, "now the default plan: new accounts start on it and trials return to it", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid planId, Func<Plan, string?> change, string done, CancellationToken cancellationToken, bool undoable = false)
    {
        // Every plan is tracked, so making one the default can unset the others in the same save.
        var plans = await db.Plans.ToListAsync(cancellationToken);
        var plan = plans.FirstOrDefault(p => p.Id == planId);
        Error = plan is null ? "That plan does not exist." : change(plan);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(cancellationToken);
            return Page();
        }

        audit.Record("platform.plan_changed", $"{plan!.Name} ({plan.Code}) is {done}");
        await events.SaveAndPublishAsync(db, new PortalEvent(KernelEvents.Platform, null, KernelEvents.PlanChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
        logger.LogInformation("Platform admin {User} changed plan {Plan}: {Change}.", User.Identity?.Name, plan!.Code, done);
        return RedirectToPage(new { message = $"{plan.Name} is {done}.", archived = undoable ? plan.Id : (Guid?)null });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Plans = await db.Plans.AsNoTracking().OrderBy(p => p.ArchivedAt != null).ThenBy(p => p.SortOrder).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        // Every organization's subscription: the platform admin's count crosses all tenants.
        var accounts = await db.AccountSubscriptions.IgnoreQueryFilters(["Tenant"]).AsNoTracking().GroupBy(s => s.PlanId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // An organization without a subscription row is on the default plan.
        if (Plans.FirstOrDefault(p => p.IsDefault) is { } defaultPlan)
            accounts[defaultPlan.Id] = accounts.GetValueOrDefault(defaultPlan.Id) + await db.Organizations.CountAsync(cancellationToken) - accounts.Values.Sum();
        Accounts = accounts;
    }
}
