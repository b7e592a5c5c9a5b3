using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.ConsultantSeats.Billing;

/// <summary>A solution the consultant built at the client, and where they would suspend it (null: nowhere serves suspension there).</summary>
public sealed record SuspendableSolution(SolutionSummary Solution, string? SuspendUrl);

/// <summary>What the consultant may do about an invoice unpaid past its grace period, as a last resort.</summary>
/// <param name="StillServes">False once the consultant holds no seat at the client any more: they can suspend nothing there.</param>
public sealed record SuspensionOffer(string ClientName, bool StillServes, IReadOnlyList<SuspendableSolution> Solutions);

/// <summary>
/// The last resort of C10: once an invoice is unpaid past its grace period, the consultant is shown
/// the solutions they built at that client, each linked to the page that suspends it (C9, on the
/// client's host). Never applied on its own: this only lists and links. The solutions are read
/// in the client's organization through the kernel's <see cref="ISolutionCatalog"/>, and only for
/// a consultant who still serves that client.
/// </summary>
public sealed class SuspensionOffers(IConsultantClients clients, ISolutionCatalog solutions, ITenantStore store, ITenantContext tenants, ShellCatalog shell, TenantUrls urls, TimeProvider time)
{
    /// <summary>The offer for <paramref name="invoice"/> (one of <paramref name="consultant"/>'s), or null while it is paid or within its grace period.</summary>
    public async Task<SuspensionOffer?> ForAsync(ConsultantInvoice invoice, Consultant consultant, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (invoice.ConsultantUserId != consultant.UserId || !InvoiceSchedule.IsPastGrace(invoice.Status, invoice.DueOn, invoice.GracePeriodDays, today)) return null;
        var served = await clients.ClientsOfAsync(consultant.UserId, consultant.Partner.Id, cancellationToken);
        if (served.All(c => c.Id != invoice.TenantId) || await store.FindByIdAsync(invoice.TenantId, cancellationToken) is not { } client)
        {
            return new SuspensionOffer(invoice.ClientName, StillServes: false, []);
        }

        IReadOnlyList<SolutionSummary> built;
        using (tenants.Change(client))
        {
            built = await solutions.BuiltByAsync(consultant.UserId, cancellationToken);
        }

        return new SuspensionOffer(client.Name, StillServes: true, built
            .Select(s => new SuspendableSolution(s, shell.LinkFor(LinkPurposes.SolutionSuspension, client, new Dictionary<string, string> { ["solutionId"] = s.Id.ToString() }) is { } path ? urls.For(client, path) : null))
            .ToList());
    }
}
