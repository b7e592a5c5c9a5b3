using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// The partner program (issue 12). Recalculation: 2,000 partners over 100,000 client accounts (each
/// sold by one partner; every other account also managed by one or two partners), with 11 earlier
/// months of ledger history (12 months in all): one pass under 60 s, and a second pass writes no
/// row. The program page: a partner with 100,000 ledger entries against one with 100, goal within 2×.
/// </summary>
public static class ProgramScenario
{
    public const int Partners = 2_000;
    public const int Accounts = 100_000;
    public const int HistoryMonths = 11;
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(60);
    private const double MaxPageRatio = 2.0;

    public static async Task<bool> RunAsync(bool smoke, TextWriter output)
    {
        var passed = await RecalculationAsync(smoke ? 200 : Partners, smoke ? 10_000 : Accounts, smoke, output);
        passed &= await PageAsync(smoke ? 10_000 : 100_000, smoke ? 3 : 6, smoke ? 40 : 120, output);
        return passed;
    }

    private static async Task<bool> RecalculationAsync(int partners, int accounts, bool smoke, TextWriter output)
    {
        using var host = new BenchmarkHost(new Dictionary<string, string> { ["PartnerTiers:RecalculationInterval"] = "00:00:00", ["Mail:PollInterval"] = "01:00:00" });
        var now = new DateTime(2026, 6, 15, 3, 0, 0, DateTimeKind.Utc);
        var watch = Stopwatch.StartNew();
        var history = await SeedWorldAsync(host, partners, accounts, now);
        output.WriteLine($"Partner program: seeded {partners:N0} partners, {accounts:N0} accounts and {history:N0} ledger entries of {HistoryMonths} earlier months in {watch.Elapsed.TotalSeconds:F1} s");

        var (first, firstTime) = await PassAsync(host, now);
        var (second, secondTime) = await PassAsync(host, now.AddMinutes(30));
        var fast = firstTime < Target;
        var nothingTwice = second.RowsWritten == 0;
        output.WriteLine($"  first pass   {first.RowsWritten,7:N0} rows ({first.EntriesWritten:N0} entries and period totals, {first.TiersWritten:N0} tiers, {first.TierChanges:N0} tier changes) in {firstTime.TotalSeconds,5:F1} s (goal < {Target.TotalSeconds:F0} s): {(fast ? "PASS" : "FAIL")}");
        output.WriteLine($"  second pass  {second.RowsWritten,7:N0} rows in {secondTime.TotalSeconds,5:F1} s (goal: no row written): {(nothingTwice ? "PASS" : "FAIL")}");
        return (fast || smoke) && nothingTwice && first.EntriesWritten > accounts;
    }

    private static async Task<(RecalculationPass Pass, TimeSpan Time)> PassAsync(BenchmarkHost host, DateTime now)
    {
        GC.Collect();
        await using var scope = host.Services.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService<TierRecalculation>();
        var watch = Stopwatch.StartNew();
        var pass = await job.RunPassAsync(now, CancellationToken.None);
        return (pass, watch.Elapsed);
    }

    /// <summary>Partners, accounts on priced plans (USD and EUR), links, managed relationships and the earlier months' sold entries, as bulk SQL.</summary>
    private static async Task<int> SeedWorldAsync(BenchmarkHost host, int partnerCount, int accountCount, DateTime now)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var plans = new[]
        {
            new Plan { Code = "team-usd", Name = "Team", MonthlyListPrice = 300m, Currency = "USD", SortOrder = 10, CreatedAt = now },
            new Plan { Code = "business-eur", Name = "Business", MonthlyListPrice = 900m, Currency = "EUR", SortOrder = 11, CreatedAt = now },
        };
        var partners = Enumerable.Range(0, partnerCount).Select(i => new Organization { Name = $"Partner {i:0000}", Slug = $"p{i}", Kind = OrganizationKind.Partner, CreatedAt = now }).ToList();
        var clients = new List<Organization>(accountCount);
        var links = new List<PartnerClientLink>(accountCount);
        var subscriptions = new List<AccountSubscription>(accountCount);
        var relationships = new List<ManagedRelationship>();
        var entries = new List<LedgerEntry>();
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        for (var i = 0; i < accountCount; i++)
        {
            var client = new Organization { Name = $"Account {i:000000}", Slug = $"a{i}", CreatedAt = now };
            clients.Add(client);
            var seller = partners[i % partnerCount];
            links.Add(new PartnerClientLink { PartnerId = seller.Id, ClientId = client.Id, CreatedAt = now });
            var plan = plans[i % 2];
            subscriptions.Add(new AccountSubscription { TenantId = client.Id, PlanId = plan.Id, ChangedAt = now, BillingMode = i % 10 == 0 ? BillingMode.ClientBilled : BillingMode.ResellerBilled });
            if (i % 2 == 0)
            {
                relationships.Add(Managed(partners[(i / 2 + 7) % partnerCount].Id, client.Id, now));
                if (i % 4 == 0) relationships.Add(Managed(partners[(i / 2 + 13) % partnerCount].Id, client.Id, now));
            }

            for (var m = 1; m <= HistoryMonths; m++)
                entries.Add(new LedgerEntry
                {
                    TenantId = seller.Id, Period = thisMonth.AddMonths(-m), Source = PointSource.SoldMrr, SourceKey = $"sold:{client.Id}", Points = 3m, AccountId = client.Id,
                    AccountName = client.Name, Mrr = 300m, MrrCurrency = "USD", ProgramMrr = 300m, Description = $"Sold MRR of {client.Name}, 300 USD", CreatedAt = now,
                });
        }

        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tx = transaction.GetDbTransaction();
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, plans);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, partners);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, clients);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, links);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, subscriptions);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, relationships);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, entries);
        await transaction.CommitAsync();
        return entries.Count;
    }

    private static ManagedRelationship Managed(Guid partnerId, Guid accountId, DateTime now) => new()
    {
        TenantId = partnerId, AccountId = accountId, StartedAt = now.AddDays(-20), LastActivityAt = now.AddDays(-2), LastActivityKind = "solutions.published",
    };

    private static async Task<bool> PageAsync(int bigEntries, int rounds, int requestsPerRound, TextWriter output)
    {
        using var host = new BenchmarkHost(new Dictionary<string, string> { ["PartnerTiers:RecalculationInterval"] = "00:00:00" });
        var watch = Stopwatch.StartNew();
        var big = await SeedPartnerAsync(host, "bigledger", bigEntries);
        var small = await SeedPartnerAsync(host, "smallledger", 100);
        output.WriteLine($"Program page: seeded {bigEntries:N0} + 100 ledger entries in {watch.Elapsed.TotalSeconds:F1} s");
        using var bigClient = await ResellerDashboardScenario.SignedInAsync(host, big);
        using var smallClient = await ResellerDashboardScenario.SignedInAsync(host, small);

        var passed = true;
        foreach (var (name, path) in new[] { ("program page", "/program"), ("entries, first page", "/program/entries?source=SoldMrr&period=" + Month(0)) })
        {
            await PageLoad.SendAsync(bigClient, path, 50, 4);
            await PageLoad.SendAsync(smallClient, path, 50, 4);
            var (bigRounds, smallRounds) = await PageLoad.AlternateAsync(rounds, () => PageLoad.SendAsync(bigClient, path, requestsPerRound, 4), () => PageLoad.SendAsync(smallClient, path, requestsPerRound, 4));
            var bigTime = bigRounds.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
            var smallTime = smallRounds.Aggregate(TimeSpan.Zero, (sum, t) => sum + t);
            var total = rounds * requestsPerRound;
            var ratio = bigTime / smallTime;
            var ok = ratio <= MaxPageRatio;
            passed &= ok;
            output.WriteLine($"  {name,-20} 100 entries {total / smallTime.TotalSeconds,6:0} req/s ({smallTime.TotalMilliseconds / total,5:0.00} ms)   {bigEntries:N0} entries {total / bigTime.TotalSeconds,6:0} req/s ({bigTime.TotalMilliseconds / total,5:0.00} ms)   ratio {ratio:0.00} (goal <= {MaxPageRatio:0.0}): {(ok ? "PASS" : "FAIL")}");
        }

        return passed;
    }

    private static string Month(int back) => new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1).AddMonths(-back).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A partner with an owner who can sign in and <paramref name="count"/> ledger entries over 12 months, with the recalculation's period totals and tier.</summary>
    private static async Task<ResellerDashboardScenario.SeededReseller> SeedPartnerAsync(BenchmarkHost host, string slug, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var now = DateTime.UtcNow;
        var partner = new Organization { Name = $"Partner {slug}", Slug = slug, Kind = OrganizationKind.Partner, CreatedAt = now };
        var email = $"admin@{slug}.bench.test";
        var user = new PortalUser { Email = email, UserName = email, EmailConfirmed = true, CreatedAt = now };
        var created = await users.CreateAsync(user, "Bench-password-1");
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));

        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var entries = new List<LedgerEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var account = Guid.CreateVersion7();
            var managed = i % 3 == 0;
            entries.Add(new LedgerEntry
            {
                TenantId = partner.Id, Period = thisMonth.AddMonths(-(i % 12)), Source = managed ? PointSource.ManagedMrr : PointSource.SoldMrr,
                SourceKey = $"{(managed ? "managed" : "sold")}:{account}", Points = 2.5m, AccountId = account, AccountName = $"Account {i}", Mrr = 250m, MrrCurrency = "USD",
                ProgramMrr = 250m, Description = $"{(managed ? "Managed" : "Sold")} MRR of Account {i}, 250 USD", CreatedAt = now,
            });
        }

        var periods = entries.GroupBy(e => e.Period).Select(g => new PartnerPeriod
        {
            TenantId = partner.Id, Period = g.Key, Points = g.Sum(e => e.Points), PointsForLowestTier = g.Sum(e => e.Points), SoldPoints = g.Where(e => e.Source == PointSource.SoldMrr).Sum(e => e.Points),
            SoldAccounts = g.Count(e => e.Source == PointSource.SoldMrr), ManagedPoints = g.Where(e => e.Source == PointSource.ManagedMrr).Sum(e => e.Points),
            ManagedAccounts = g.Count(e => e.Source == PointSource.ManagedMrr), Currency = "USD", Entries = g.Count(),
        }).ToList();
        var current = periods.Single(p => p.Period == thisMonth);
        var tier = new PartnerTier { TenantId = partner.Id, Tier = current.Points >= 100 ? "Platinum" : current.Points >= 35 ? "Gold" : current.Points >= 10 ? "Silver" : null, Points = current.Points, Period = thisMonth, ChangedAt = now };

        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tx = transaction.GetDbTransaction();
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, [partner]);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, [new Membership { TenantId = partner.Id, UserId = user.Id, Role = OrganizationRole.Owner, CreatedAt = now }]);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, entries);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, periods);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, [tier]);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, Enumerable.Range(0, 10).Select(i => new TierChange { TenantId = partner.Id, FromTier = "Silver", ToTier = "Gold", Points = 40, Period = thisMonth.AddMonths(-i), At = now.AddMonths(-i) }).ToList());
        await transaction.CommitAsync();
        return new ResellerDashboardScenario.SeededReseller($"{slug}.{BenchmarkHost.PlatformDomain}", email);
    }
}
