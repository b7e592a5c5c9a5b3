using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Resellers.Dashboard;

/// <summary>
/// Keeps <see cref="Membership.LastActiveAt"/> (the dashboard's "last activity") current: a member's
/// page request stamps it, at most once per <see cref="Interval"/>, so activity costs one small
/// update every few minutes rather than a write per request.
/// </summary>
public sealed class ActivityTracking(PortalDbContext db, CurrentMember member, TimeProvider time) : IAsyncPageFilter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await next();
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true || http.User.IsImpersonating() || http.Tenancy()?.Tenant is not { } tenant) return;
        if (await member.GetAsync(http.RequestAborted) is not { } membership) return;
        var now = time.GetUtcNow().UtcDateTime;
        if (membership.LastActiveAt is { } last && now - last < Interval) return;

        await db.Memberships.Where(m => m.Id == membership.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LastActiveAt, now), http.RequestAborted);
        await db.Set<ClientRow>().Where(r => r.ClientId == tenant.Id && (r.LastActiveAt == null || r.LastActiveAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastActiveAt, now), http.RequestAborted);
    }
}
