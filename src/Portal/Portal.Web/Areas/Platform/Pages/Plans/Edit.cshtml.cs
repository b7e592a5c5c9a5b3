using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Web.Areas.Platform.Pages.Plans;

/// <summary>Creates or edits a plan: name, code, monthly list price and currency, limits, product line, white-label (R6, R7, P7).</summary>
public sealed class EditPlanModel(PortalDbContext db, IPortalEvents events, TimeProvider time, ILogger<EditPlanModel> logger, PlatformAudit audit) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the plan's name.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        public string Name { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a code: lower-case letters, digits and hyphens, for example team-plus.")]
        [StringLength(40, ErrorMessage = "Use at most 40 characters.")]
        [RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use lower-case letters, digits and single hyphens only, for example team-plus.")]
        public string Code { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the monthly list price (0 for a free plan).")]
        [Range(typeof(decimal), "0", "1000000", ErrorMessage = "Enter a price from 0 to 1,000,000.")]
        public decimal? MonthlyListPrice { get; set; }

        [Required(ErrorMessage = "Enter the currency as a three-letter code, for example USD.")]
        [RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "Enter the currency as a three-letter code, for example USD.")]
        public string Currency { get; set; } = "USD";

        [Range(0, long.MaxValue, ErrorMessage = "Enter 0 or more, or leave empty for no limit.")]
        public long? RecordLimit { get; set; }

        [Range(0, int.MaxValue, ErrorMessage = "Enter 0 or more, or leave empty for no limit.")]
        public int? MemberLimit { get; set; }

        [Range(0, int.MaxValue, ErrorMessage = "Enter 0 or more (0 means none), or leave empty for no limit.")]
        public int? CustomDomainLimit { get; set; }

        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        public string? ProductLine { get; set; }

        public bool WhiteLabel { get; set; } = true;

        [Range(0, 10_000, ErrorMessage = "Enter a position from 0 to 10,000.")]
        public int SortOrder { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool IsNew { get; private set; }

    /// <summary>The product lines other plans already name, offered as suggestions so one line is spelled one way.</summary>
    public IReadOnlyList<string> ProductLines { get; private set; } = [];

    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ProductLines = await Plan.ProductLinesAsync(db.Plans.AsNoTracking(), HttpContext.RequestAborted);
        await next();
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        IsNew = id is null;
        if (id is null) return Page();
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null) return NotFound();
        Input = new InputModel
        {
            Name = plan.Name,
            Code = plan.Code,
            MonthlyListPrice = plan.MonthlyListPrice,
            Currency = plan.Currency,
            RecordLimit = plan.RecordLimit,
            MemberLimit = plan.MemberLimit,
            CustomDomainLimit = plan.CustomDomainLimit,
            ProductLine = plan.ProductLine,
            WhiteLabel = plan.WhiteLabel,
            SortOrder = plan.SortOrder,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        IsNew = id is null;
        var plan = id is null ? null : await db.Plans.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (id is not null && plan is null) return NotFound();

        var code = Input.Code?.Trim() ?? string.Empty;
        if (Input.MonthlyListPrice is { } price && decimal.Round(price, 2) != price)
            ModelState.AddModelError("Input.MonthlyListPrice", "Enter the price with at most two decimals, for example 29.90.");
        if (ModelState.IsValid && await db.Plans.AnyAsync(p => p.Code == code && p.Id != id, cancellationToken))
            ModelState.AddModelError("Input.Code", $"Another plan has the code {code}. Codes are unique.");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (plan is null)
        {
            plan = new Plan { Code = code, Name = Input.Name.Trim(), Currency = Input.Currency, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.Plans.Add(plan);
        }

        plan.Code = code;
        plan.Name = Input.Name.Trim();
        plan.MonthlyListPrice = Input.MonthlyListPrice!.Value;
        plan.Currency = Input.Currency.Trim().ToUpperInvariant();
        plan.RecordLimit = Input.RecordLimit;
        plan.MemberLimit = Input.MemberLimit;
        plan.CustomDomainLimit = Input.CustomDomainLimit;
        plan.ProductLine = string.IsNullOrWhiteSpace(Input.ProductLine) ? null : Input.ProductLine.Trim();
        plan.WhiteLabel = Input.WhiteLabel;
        plan.SortOrder = Input.SortOrder;
        audit.Record(id is null ? "platform.plan_created" : "platform.plan_changed",
            $"{plan.Name} ({plan.Code}): {plan.MonthlyListPrice} {plan.Currency} a month, records {plan.RecordLimit?.ToString() ?? "unlimited"}, members {plan.MemberLimit?.ToString() ?? "unlimited"}, domains {plan.CustomDomainLimit?.ToString() ?? "unlimited"}, product line {plan.ProductLine ?? "core"}, white label {(plan.WhiteLabel ? "yes" : "no")}");
        await events.SaveAndPublishAsync(db, new PortalEvent(KernelEvents.Platform, null, KernelEvents.PlanChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
        logger.LogInformation("Platform admin {User} saved plan {Plan}.", User.Identity?.Name, plan.Code);
        return Redirect($"/platform/plans?message={Uri.EscapeDataString($"{plan.Name} was saved.")}");
    }
}
