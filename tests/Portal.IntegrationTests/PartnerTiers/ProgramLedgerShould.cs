using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// P2–P4, P6, P11, R6, R14: sold and managed MRR become ledger entries (converted, split), managed
/// relationships follow qualifying events and end with access or idleness, the recalculation writes
/// once and nothing the second time, a tier change is e-mailed in the partner's branding, and the
/// reseller discount follows the tier.
/// </summary>
public sealed class ProgramLedgerShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task CreditSoldAndSplitManagedMrrWriteTheLedgerOnceAndEmailTheNewTier()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Ledger Partners");
        var (other, _) = await ProgramWorld.PartnerAsync(World, "Other Ledger Partners");
        var euros = await ProgramWorld.PlanAsync(World, 1000m, "EUR");
        var dollars = await ProgramWorld.PlanAsync(World, 2500m, "USD");
        var sold = await ProgramWorld.ClientAsync(World, "Sold Client", euros, partner);
        var managed = await ProgramWorld.ClientAsync(World, "Managed Client", dollars);
        // The partner's consultant holds a seat in the managed client; the other partner is credited by a listing install.
        var consultant = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, consultant, OrganizationRole.Member);
        await World.AddMemberAsync(managed, consultant, OrganizationRole.Member);
        var at = DateTime.UtcNow;
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(managed.Id, consultant.Id, "solutions.published", at));
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(managed.Id, null, "solutions.listing_installed", at, other.Id));
        // Not qualifying: a kernel fact, and activity in the partner's own organization.
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(managed.Id, consultant.Id, KernelEvents.MemberActive, at));
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(partner.Id, owner.Id, "solutions.published", at));

        Assert.Single(await ProgramWorld.RelationshipsAsync(World, partner));
        Assert.Single(await ProgramWorld.RelationshipsAsync(World, other));

        var first = await ProgramWorld.RecalculateAsync(Factory);
        Assert.True(first.EntriesWritten >= 3, $"{first}");

        var ledger = await ProgramWorld.LedgerAsync(World, partner);
        var soldEntry = Assert.Single(ledger, e => e.Source == PointSource.SoldMrr);
        Assert.Equal(("sold:" + sold.Id, 10.8m, 1000m, "EUR", 1080m), (soldEntry.SourceKey, soldEntry.Points, soldEntry.Mrr, soldEntry.MrrCurrency, soldEntry.ProgramMrr));
        var managedEntry = Assert.Single(ledger, e => e.Source == PointSource.ManagedMrr);
        Assert.Equal((12.5m, 2, 1250m, "Managed Client"), (managedEntry.Points, managedEntry.SplitWays, managedEntry.ProgramMrr, managedEntry.AccountName));
        Assert.Contains("split 2 ways", managedEntry.Description);
        Assert.Equal(12.5m, Assert.Single(await ProgramWorld.LedgerAsync(World, other)).Points);

        var tier = await ProgramWorld.TierAsync(World, partner);
        Assert.Equal(("Silver", 23.3m, 1), (tier!.Tier, tier.Points, tier.Rank));
        var mail = await Factory.Smtp.WaitForMessageAsync(owner.Email!, m => m.Subject == "Congratulations: Ledger Partners is now Silver");
        Assert.Equal("Ledger Partners", mail.From.Mailboxes.Single().Name);
        Assert.Contains("#7C2D12", mail.HtmlBody);
        Assert.Contains($"http://{partner.Host}/program", mail.TextBody);

        // Nothing changed: the second run writes nothing and sends nothing.
        var second = await ProgramWorld.RecalculateAsync(Factory);
        Assert.Equal(0, second.RowsWritten);
        Assert.Equal(0, second.TierChanges);
        var changes = await World.InTenantAsync(partner, db => db.Set<TierChange>().CountAsync());
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task EndAManagedRelationshipWhenTheClientRevokesThePartnersAccess()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Revoked Partners");
        var plan = await ProgramWorld.PlanAsync(World, 500m, "USD");
        var client = await ProgramWorld.ClientAsync(World, "Revoking Client", plan, partner, BillingMode.ClientBilled);
        var employee = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, employee, OrganizationRole.Member);

        // An employee without an assignment to the client has no access to it: nothing is credited.
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(client.Id, employee.Id, "solutions.rules_changed", DateTime.UtcNow));
        Assert.Empty(await ProgramWorld.RelationshipsAsync(World, partner));

        // The partner's owner reaches every linked client.
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(client.Id, owner.Id, "solutions.rules_changed", DateTime.UtcNow));
        Assert.Null(Assert.Single(await ProgramWorld.RelationshipsAsync(World, partner)).EndedAt);
        await ProgramWorld.RecalculateAsync(Factory);
        var ledger = await ProgramWorld.LedgerAsync(World, partner);
        Assert.Equal(5m, Assert.Single(ledger, e => e.Source == PointSource.ManagedMrr).Points);
        // A client-billed client earns the referral commission of the tier held (none below Silver), not sold MRR.
        Assert.DoesNotContain(ledger, e => e.Source == PointSource.SoldMrr);
        var referral = Assert.Single(ledger, e => e.Source == PointSource.Referral);
        Assert.Equal((0m, 0m), (referral.Points, referral.Commission));

        await World.GlobalAsync(db => db.PartnerClientLinks.Where(l => l.ClientId == client.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.EndedAt, DateTime.UtcNow)));
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(client.Id, null, ManagedActivity.AccessRevokedEvent, DateTime.UtcNow));

        var ended = Assert.Single(await ProgramWorld.RelationshipsAsync(World, partner));
        Assert.NotNull(ended.EndedAt);
        Assert.Equal("The client removed the partner's access", ended.EndReason);
        await ProgramWorld.RecalculateAsync(Factory);
        var after = Assert.Single(await ProgramWorld.LedgerAsync(World, partner), e => e.Source == PointSource.ManagedMrr);
        Assert.Equal(0m, after.Points);
        Assert.EndsWith(TierRecalculation.NoLongerCounts, after.Description);
    }

    [Fact]
    public async Task EndAManagedRelationshipSixtyDaysAfterTheLastQualifyingActivity()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Idle Partners");
        var plan = await ProgramWorld.PlanAsync(World, 300m, "USD");
        var client = await ProgramWorld.ClientAsync(World, "Quiet Client", plan, partner);
        var last = DateTime.UtcNow;
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(client.Id, owner.Id, "solutions.imported", last.AddDays(-10)));
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(client.Id, owner.Id, "solutions.deployed", last));

        await ProgramWorld.RecalculateAsync(Factory, last.AddDays(59));
        Assert.Null(Assert.Single(await ProgramWorld.RelationshipsAsync(World, partner)).EndedAt);

        var pass = await ProgramWorld.RecalculateAsync(Factory, last.AddDays(61));
        Assert.True(pass.RelationshipsEnded >= 1);
        var ended = Assert.Single(await ProgramWorld.RelationshipsAsync(World, partner));
        Assert.Equal(last.AddDays(60), ended.EndedAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal("solutions.deployed", ended.LastActivityKind);
    }

    [Fact]
    public async Task KeepATierThroughTheGraceAndTakeTheResellerDiscountFromIt()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Graceful Partners");
        var plan = await ProgramWorld.PlanAsync(World, 4000m, "USD");
        var client = await ProgramWorld.ClientAsync(World, "Big Client", plan, partner);
        var now = DateTime.UtcNow;
        await ProgramWorld.RecalculateAsync(Factory, now);
        Assert.Equal("Gold", (await ProgramWorld.TierAsync(World, partner))!.Tier);
        Assert.Equal(0.25m, await DiscountAsync(partner));

        // The client moves to a smaller plan: the points fall to Silver's, but Gold holds for one review cycle.
        var smaller = await ProgramWorld.PlanAsync(World, 1500m, "USD");
        await World.InTenantAsync(client, db => db.AccountSubscriptions.ExecuteUpdateAsync(s => s.SetProperty(x => x.PlanId, smaller)));
        await ProgramWorld.RecalculateAsync(Factory, now);
        var held = (await ProgramWorld.TierAsync(World, partner))!;
        Assert.Equal(("Gold", 15m), (held.Tier, held.Points));
        Assert.Equal(DateOnly.FromDateTime(now).AddMonths(3), held.GraceUntil);
        Assert.Equal(0.25m, await DiscountAsync(partner));

        using var browser = await ProgramWorld.SignedInAsync(Factory, partner.Host, owner);
        var (_, page) = await browser.GetPageAsync("/program");
        Assert.Contains($"You keep Gold until {DateOnly.FromDateTime(now).AddMonths(3).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}", page.QuerySelector("#grace")!.TextContent);

        await ProgramWorld.RecalculateAsync(Factory, now.AddMonths(3).AddDays(1));
        Assert.Equal("Silver", (await ProgramWorld.TierAsync(World, partner))!.Tier);
        Assert.Equal(0.2m, await DiscountAsync(partner));
        await Factory.Smtp.WaitForMessageAsync(owner.Email!, m => m.Subject == "Graceful Partners is now Silver in the partner program");

        // The deal-registration discount follows the tier too, and a specialization badge adds its own.
        Assert.Equal(0.05m, await DealDiscountAsync(partner));
        await World.InTenantAsync(partner, db =>
        {
            db.Add(new PartnerBadge { Name = "Digital assets", Kind = "Product line", EarnedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        Assert.Equal(0.10m, await DealDiscountAsync(partner));
    }

    private async Task<decimal> DealDiscountAsync(TestOrganization partner)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PartnerPortal.PartnerTiers.Deals.IDealRegistrationDiscount>().RateForAsync(partner.Id);
    }

    private async Task<decimal> DiscountAsync(TestOrganization partner)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var discount = scope.ServiceProvider.GetRequiredService<IResellerDiscount>();
        Assert.IsType<TierResellerDiscount>(discount);
        return await discount.RateAsync(partner.Id);
    }
}
