using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Web.Areas.Platform.Pages.Organizations;

/// <summary>The operator's list of organizations (platform host only).</summary>
public sealed class OrganizationsModel(PortalDbContext db, IOptions<PortalOptions> portal, IPortalEvents events, TimeProvider time, ILogger<OrganizationsModel> logger, PlatformAudit audit, UndoTokens undo) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Host, OrganizationKind Kind, string? Reseller, OrganizationStatus Status);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>The sealed marking the message's "Undo" reverses (see <see cref="UndoTokens"/>).</summary>
    public string? Undo { get; private set; }

    public const string UndoPurpose = "organization.marked-partner";

    /// <summary>What marking changed: only the kind, so Undo makes the organization a client again and nothing else.</summary>
    public sealed record MarkedPartner(Guid OrganizationId, string Name, DateTime MarkedAt);

    public async Task OnGetAsync(string? message, string? undo, CancellationToken cancellationToken)
    {
        Message = message;
        Undo = message is null ? null : undo;
        var platformDomain = HostName.Normalize(portal.Value.PlatformDomain);
        var query = db.Organizations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var term = Query.Trim().ToLowerInvariant();
            query = query.Where(o => o.Name.ToLower().Contains(term) || o.Slug.Contains(term));
        }

        Rows = await query.OrderBy(o => o.Name).Take(200)
            .Select(o => new Row(
                o.Id,
                o.Name,
                o.PrimaryHost ?? o.Slug + "." + platformDomain,
                o.Kind,
                db.PartnerClientLinks.Where(l => l.ClientId == o.Id && l.EndedAt == null).Select(l => l.Partner!.Name).FirstOrDefault(),
                o.Status))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostMarkPartnerAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (org is null) return RedirectToPage(new { message = "That organization does not exist." });
        if (org.Kind == OrganizationKind.Partner) return RedirectToPage(new { message = $"{org.Name} is a partner already. Nothing changed." });
        var now = time.GetUtcNow().UtcDateTime;
        org.Kind = OrganizationKind.Partner;
        audit.Record("platform.partner_marked", $"Marked {org.Name} as a partner", org.Id);
        await events.SaveAndPublishAsync(db, new PortalEvent(org.Id, null, KernelEvents.OrganizationChanged, now), cancellationToken);
        logger.LogInformation("Platform admin {User} marked organization {Organization} as a partner.", User.Identity?.Name, org.Id);
        return RedirectToPage(new
        {
            message = $"{org.Name} is now a partner: it has a client dashboard and the partner program.",
            // Platform context: the token is bound to the platform (no organization's host can use it) and names the organization inside.
            undo = undo.Seal(UndoPurpose, KernelEvents.Platform, new MarkedPartner(org.Id, org.Name, now)),
        });
    }

    /// <summary>
    /// Makes a just-marked organization a client again, within <see cref="UndoTokens.Lifetime"/>,
    /// only while it has not acted as a partner: no client linked to it and nothing its people did
    /// there since (its audit, sign-ins aside). Otherwise reversing would strand its partner work.
    /// </summary>
    public async Task<IActionResult> OnPostUndoMarkPartnerAsync(string? token, CancellationToken cancellationToken)
    {
        var marked = undo.Open<MarkedPartner>(token, UndoPurpose, KernelEvents.Platform);
        if (marked is null) return RedirectToPage(new { message = $"That change can no longer be undone (Undo lasts {UndoTokens.Lifetime.TotalMinutes:0} minutes). Nothing changed." });
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Id == marked.OrganizationId, cancellationToken);
        if (org is not { Kind: OrganizationKind.Partner }) return RedirectToPage(new { message = $"{marked.Name} is not a partner now. Nothing changed." });
        var servesClients = await db.PartnerClientLinks.AnyAsync(l => l.PartnerId == org.Id, cancellationToken);
        // Cross-tenant on purpose: what the marked organization's people did since (the platform reads every audit).
        var actedSince = await db.AuditEntries.IgnoreQueryFilters(["Tenant"])
            .AnyAsync(a => a.TenantId == org.Id && a.At >= marked.MarkedAt && !a.Action.StartsWith("signin") && !a.Action.StartsWith("signout"), cancellationToken);
        if (servesClients || actedSince)
            return RedirectToPage(new { message = $"{org.Name} stays a partner: it has worked as one since it was marked, and making it a client again would strand that work. Nothing changed." });

        org.Kind = OrganizationKind.Client;
        audit.Record("platform.partner_unmarked", $"{org.Name} is a client again (undo of marking it a partner)", org.Id);
        await events.SaveAndPublishAsync(db, new PortalEvent(org.Id, null, KernelEvents.OrganizationChanged, time.GetUtcNow().UtcDateTime), cancellationToken);
        return RedirectToPage(new { message = $"{org.Name} is a client again, as before." });
    }
}
