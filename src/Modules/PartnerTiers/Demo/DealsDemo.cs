using Microsoft.EntityFrameworkCore;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Deals;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.Demo;

/// <summary>
/// Northwind's deals, case study and dispute for the demo: a won deal the platform approved (it
/// earns the deal-registration discount), an approved case study, and one open dispute of a ledger
/// entry — the latest sold MRR entry the program wrote for Northwind, or one of the demo's own (<c>demo:</c> key,
/// so a recalculation never collides with it) when there is none yet.
/// </summary>
public sealed class DealsDemo(PortalDbContext db, ITenantContext tenants, ITenantStore store, TierRecalculation recalculation, TimeProvider time) : IDemoDataContributor
{
    public const string DealCustomer = "Alpine Ski House";

    public const string CaseStudyCustomer = "Contoso Dental";

    public const string DisputedEntryKey = "demo:sold-mrr-fabrikam";

    public const string DisputeReason = "The client is on a bigger plan this month than the MRR this entry counts.";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var northwindId = await db.Organizations.Where(o => o.Slug == "northwind").Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (northwindId is null || await store.FindByIdAsync(northwindId.Value, cancellationToken) is not { } northwind) return;
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var admin = await db.Users.Where(u => u.IsPlatformAdmin).OrderBy(u => u.CreatedAt).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);

        using (tenants.Change(northwind))
        {
            var owner = await db.Memberships.OrderByDescending(m => m.Role).ThenBy(m => m.CreatedAt).Select(m => m.UserId).FirstAsync(cancellationToken);
            db.Add(new DealRegistration
            {
                Customer = DealCustomer,
                CustomerKey = CustomerNames.Fold(DealCustomer),
                ExpectedArr = 36_000m,
                Currency = "USD",
                Stage = DealStage.Won,
                CloseDate = today.AddDays(-20),
                Review = DealReview.Approved,
                ReviewReason = "First registration of this customer; welcome aboard.",
                RegisteredAt = now.AddDays(-60),
                RegisteredByUserId = owner,
                ReviewedAt = now.AddDays(-58),
                ReviewedByUserId = admin,
                WonAt = now.AddDays(-20),
            });
            db.Add(new CaseStudy
            {
                Customer = CaseStudyCustomer,
                Industry = "Healthcare",
                CompanySize = "10–50 employees",
                Need = "Appointments lived in three spreadsheets; patients were double-booked every week.",
                Solution = "One booking workspace with a recall list and automatic reminders, on the practice's own domain.",
                Result = "No double bookings since launch and 30 % fewer missed appointments.",
                Testimonial = "Northwind gave us our evenings back. — Practice manager, Contoso Dental",
                Status = CaseStudyStatus.Approved,
                SubmittedAt = now.AddDays(-45),
                SubmittedByUserId = owner,
                ReviewedAt = now.AddDays(-40),
                ReviewedByUserId = admin,
            });

            // A sold MRR entry, so the demo's reason (a plan's MRR) fits the entry it disputes.
            var entry = await db.Set<LedgerEntry>().Where(e => e.Source == PointSource.SoldMrr).OrderByDescending(e => e.Period).ThenByDescending(e => e.Points).FirstOrDefaultAsync(cancellationToken);
            if (entry is null)
            {
                var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
                entry = new LedgerEntry
                {
                    Period = lastMonth,
                    Source = PointSource.SoldMrr,
                    SourceKey = DisputedEntryKey,
                    Points = 0.29m,
                    AccountId = await db.Organizations.Where(o => o.Slug == "fabrikam").Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken),
                    AccountName = "Fabrikam Fitness",
                    Mrr = 29m,
                    MrrCurrency = "USD",
                    ProgramMrr = 29m,
                    Description = "Sold MRR of Fabrikam Fitness, 29.00 USD",
                    CreatedAt = now.AddDays(-10),
                };
                db.Add(entry);
            }

            db.Add(new LedgerDispute { LedgerEntryId = entry.Id, Reason = DisputeReason, RaisedAt = now.AddDays(-2), RaisedByUserId = owner });
            await db.SaveChangesAsync(cancellationToken);
        }

        // The ledger's demo recalculated this month before the approved deal and case study existed:
        // without this pass the program page shows points (and a demotion grace) that "what if" and the next job contradict.
        await recalculation.RunPassAsync(now, cancellationToken);
    }
}
