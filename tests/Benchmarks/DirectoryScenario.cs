using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Directory;
using PartnerPortal.PartnerTiers.Profiles;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// The public partner directory (P9) with 5,000 listed partners against the same requests with 50,
/// each in a portal of its own in this process, anonymous on the platform host: the first page, a
/// deep page, a search, filters, a partner's page. Goal: each within 2× of the small directory's
/// time. The first request of the big one (building its index) is reported too.
/// </summary>
public static class DirectoryScenario
{
    private const double MaxRatio = 2.0;
    private const int Concurrency = 4;

    public static async Task<bool> RunAsync(bool smoke, TextWriter output)
    {
        var rounds = smoke ? 3 : 6;
        var requestsPerRound = smoke ? 60 : 200;
        using var bigHost = new BenchmarkHost();
        using var smallHost = new BenchmarkHost();
        var watch = Stopwatch.StartNew();
        await SeedAsync(bigHost, 5_000);
        await SeedAsync(smallHost, 50);
        output.WriteLine($"Partner directory: seeded 5,000 + 50 listed partners in {watch.Elapsed.TotalSeconds:F1} s");
        using var big = Anonymous(bigHost);
        using var small = Anonymous(smallHost);

        watch.Restart();
        (await big.GetAsync("/partners")).EnsureSuccessStatusCode();
        var firstBig = watch.Elapsed;
        watch.Restart();
        (await small.GetAsync("/partners")).EnsureSuccessStatusCode();
        output.WriteLine($"  first request (builds the index; JIT included): 5,000 partners {firstBig.TotalMilliseconds:F0} ms, 50 partners {watch.Elapsed.TotalMilliseconds:F0} ms");

        var scenarios = new (string Name, string Big, string Small)[]
        {
            ("first page", "/partners", "/partners"),
            ("deep page (last)", "/partners?p=250", "/partners?p=3"),
            ("search", "/partners?q=partner+0004", "/partners?q=partner+0004"),
            ("filters", "/partners?region=Europe&industry=Healthcare", "/partners?region=Europe&industry=Healthcare"),
            ("partner's page", "/partners/bench-0042", "/partners/bench-0042"),
        };

        var passed = true;
        foreach (var (name, bigPath, smallPath) in scenarios)
        {
            var (bigTime, smallTime) = await PageLoad.CompareAsync(big, bigPath, small, smallPath, rounds, requestsPerRound, Concurrency);
            var total = rounds * requestsPerRound;
            var ratio = bigTime / smallTime;
            var ok = ratio <= MaxRatio;
            passed &= ok;
            output.WriteLine($"  {name,-18} 50 partners {total / smallTime.TotalSeconds,7:0} req/s ({smallTime.TotalMilliseconds / total,5:0.00} ms)   " +
                             $"5,000 partners {total / bigTime.TotalSeconds,7:0} req/s ({bigTime.TotalMilliseconds / total,5:0.00} ms)   ratio {ratio:0.00} (goal <= {MaxRatio:0.0}): {(ok ? "PASS" : "FAIL")}");
        }

        // The index again after a change (a saved profile drops it), with the JIT warm: what one visitor a minute waits for.
        foreach (var (label, host, client) in new[] { ("5,000", bigHost, big), ("50", smallHost, small) })
        {
            using (var scope = host.Services.CreateScope()) scope.ServiceProvider.GetRequiredService<PartnerDirectory>().Invalidate();
            watch.Restart();
            (await client.GetAsync("/partners")).EnsureSuccessStatusCode();
            output.WriteLine($"  rebuilding the index after a change, {label} partners: {watch.Elapsed.TotalMilliseconds:F0} ms");
        }

        return passed;
    }

    private static HttpClient Anonymous(BenchmarkHost host) =>
        host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{BenchmarkHost.PlatformDomain}/"), AllowAutoRedirect = false });

    /// <summary><paramref name="partners"/> partner organizations with listed profiles (every fifth with an approved case study), as bulk SQL in one transaction.</summary>
    private static async Task SeedAsync(BenchmarkHost host, int partners)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTime.UtcNow;
        var organizations = new List<Organization>();
        var profiles = new List<PartnerProfile>();
        var studies = new List<CaseStudy>();
        var regions = ProfileChoices.Regions;
        var industries = ProfileChoices.Industries;
        for (var i = 0; i < partners; i++)
        {
            var org = new Organization { Name = $"Partner {i:0000}", Slug = $"bench-{i:0000}", Kind = OrganizationKind.Partner, CreatedAt = now };
            organizations.Add(org);
            profiles.Add(new PartnerProfile
            {
                TenantId = org.Id,
                Summary = $"Partner {i:0000} builds booking, billing and reporting apps for its customers in {industries[i % industries.Count]}.",
                Regions = ProfileChoices.Join([regions[i % regions.Count], regions[(i + 2) % regions.Count]]),
                Industries = ProfileChoices.Join([industries[i % industries.Count], industries[(i + 5) % industries.Count]]),
                Website = $"https://www.partner{i}.test",
                ContactEmail = $"hello@partner{i}.test",
                Listed = true,
                UpdatedAt = now,
            });
            if (i % 5 == 0)
            {
                studies.Add(new CaseStudy
                {
                    TenantId = org.Id, Customer = $"Customer of {i}", Industry = "Healthcare", CompanySize = "10–50 employees", Need = "Fewer no-shows",
                    Solution = "Recall reminders", Result = "Half the no-shows", Status = CaseStudyStatus.Approved, SubmittedAt = now, ReviewedAt = now,
                });
            }
        }

        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var tx = transaction.GetDbTransaction();
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, organizations);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, profiles);
        await ResellerDashboardScenario.BulkInsertAsync(db, tx, studies);
        await transaction.CommitAsync();
    }
}
