using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Accounts;

/// <summary>
/// Keeps <see cref="Membership.LastActiveAt"/> current ("last activity" of A5 and the reseller
/// dashboard): a member's page view stamps it at most once per <see cref="Interval"/>. The stamp is
/// one conditional update, so of several views at once only one writes, and only that one raises
/// <see cref="KernelEvents.MemberActive"/> for the modules that keep a copy. Impersonating resellers
/// leave no trace here; their sessions record their own last activity.
/// </summary>
public sealed class LastActivity(PortalDbContext db, CurrentMember member, IPortalEvents events, TimeProvider time) : IAsyncPageFilter
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        await next();
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true || http.User.IsImpersonating() || http.Tenancy()?.Tenant is not { } tenant) return;
        // Read once per request anyway (page authorization): a recent stamp costs no statement at all.
        if (await member.GetAsync(http.RequestAborted) is not { } membership) return;
        var now = time.GetUtcNow().UtcDateTime;
        var due = now - Interval;
        if (membership.LastActiveAt is { } last && last >= due) return;

        var written = await db.Memberships
            .Where(m => m.Id == membership.Id && (m.LastActiveAt == null || m.LastActiveAt < due))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastActiveAt, now), http.RequestAborted);
        if (written == 1) await events.PublishAsync(new PortalEvent(tenant.Id, membership.UserId, KernelEvents.MemberActive, now), http.RequestAborted);
    }
}
