using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Mail;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// T7: the organization's mail the outbox gave up on (the server refused it, or it kept failing for
/// two days), so nobody is left waiting for an e-mail that will never come. An owner sends it again.
/// </summary>
public sealed class UndeliveredMailModel(PortalDbContext db, AuditLog audit, TimeProvider time) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message;
        Messages = await db.Outbox.AsNoTracking()
            .Where(m => m.DeadAt != null && m.SentAt == null)
            .OrderByDescending(m => m.DeadAt)
            .Take(200)
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResendAsync(Guid messageId, CancellationToken cancellationToken)
    {
        // The tenant filter keeps another organization's message out of reach: its id changes nothing here.
        var message = await db.Outbox.FirstOrDefaultAsync(m => m.Id == messageId && m.DeadAt != null && m.SentAt == null, cancellationToken);
        if (message is null) return RedirectToPage(new { message = "That message is no longer waiting: it was sent again already." });

        message.DeadAt = null;
        message.Attempts = 0;
        message.DueAt = time.GetUtcNow().UtcDateTime;
        audit.Record("mail.resent", $"{message.Subject} to {message.ToAddress}");
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { message = $"“{message.Subject}” to {message.ToAddress} is queued again and goes out within a minute." });
    }
}
