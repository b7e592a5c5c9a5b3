using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Accounts;

/// <summary>
/// A deleted client's hosts show nothing (R9): every page answers 404 during the grace period.
/// Deletion suspends the organization, so an active organization costs no query here.
/// </summary>
public sealed class DeletedClientGuard(PortalDbContext db) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HttpContext.Tenancy()?.Tenant is { Status: OrganizationStatus.Suspended } tenant
            // The deletion is its reseller's row; this host only asks whether one names this organization.
            && await db.Set<ClientDeletion>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().AnyAsync(d => d.ClientId == tenant.Id && d.PurgedAt == null, context.HttpContext.RequestAborted))
        {
            context.Result = new NotFoundResult();
            return;
        }

        await next();
    }
}
