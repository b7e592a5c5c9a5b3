using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;

namespace PartnerPortal.Web.Pages.Settings;

/// <summary>
/// "Who can see my data" (A5), for the account's owners: the organization's own people with their
/// roles and last activity, then what each module lets in (partners and their log-ins, consultant
/// seats, …) as sections of the shell. Never for a reseller logged in as the account.
/// </summary>
public sealed class AccessModel(PortalDbContext db, Shell shell) : PageModel
{
    /// <param name="Seat">What a protected free seat is called ("consultant seat"); null for the organization's own people.</param>
    public sealed record Person(string Email, string? Name, OrganizationRole Role, string? Seat, DateTime Since, DateTime? LastActivity);

    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<ShellSection> Sections { get; private set; } = [];

    /// <summary>What the last action on this page or one of its sections did.</summary>
    public string? Message { get; private set; }

    public async Task OnGetAsync(string? message, CancellationToken cancellationToken)
    {
        Message = message is { Length: > 0 and <= 300 } ? message : null;
        People = await db.Memberships.AsNoTracking()
            .Where(m => m.DeactivatedAt == null)
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new Person(m.User!.Email!, m.User.DisplayName, m.Role, m.FreeSeat, m.CreatedAt, m.LastActiveAt))
            .ToListAsync(cancellationToken);
        Sections = await shell.AccessSectionsAsync(cancellationToken);
    }
}
