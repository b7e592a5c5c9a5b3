using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Resellers.Dashboard;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// The reseller dashboard (R4) with 10,000 clients against the same requests with 10 clients, two
/// resellers side by side in one database: the first page, a deep page (the last), a search and a
/// sort. Goal: each within 3× of the small reseller's time. Then exports (R10) of 100,000 clients
/// as CSV and .xlsx, streamed: the process's peak memory may grow by less than 150 MB.
/// </summary>
public static partial class ResellerDashboardScenario
{
    private const double MaxRatio = 3.0;
    private const long MaxExportGrowth = 150L * 1024 * 1024;
    private const int Concurrency = 4;

    public static async Task<bool> RunAsync(bool smoke, TextWriter output)
    {
        var passed = await DashboardAsync(smoke ? 3 : 6, smoke ? 60 : 150, output);
        passed &= await ExportAsync(smoke ? 20_000 : 100_000, output);
        return passed;
    }

    private static async Task<bool> DashboardAsync(int rounds, int requestsPerRound, TextWriter output)
    {
        using var host = new BenchmarkHost();
        var watch = Stopwatch.StartNew();
        var big = await SeedResellerAsync(host, "big", 10_000);
        var small = await SeedResellerAsync(host, "small", 10);
        output.WriteLine($"Reseller dashboard: seeded 10,000 + 10 clients in {watch.Elapsed.TotalSeconds:F1} s");
        using var bigClient = await SignedInAsync(host, big);
        using var smallClient = await SignedInAsync(host, small);

        var scenarios = new (string Name, string Big, string Small)[]
        {
            ("first page", "/clients", "/clients"),
            ("deep page (last)", "/clients?page=400", "/clients"),
            ("search", "/clients?q=client%200000", "/clients?q=client%200000"),
            ("sort by status", "/clients?sort=status&desc=true", "/clients?sort=status&desc=true"),
            ("sort by last activity", "/clients?sort=activity&desc=true", "/clients?sort=activity&desc=true"),
        };

        var passed = true;
        foreach (var (name, bigPath, smallPath) in scenarios)
        {
            var (bigTime, smallTime) = await PageLoad.CompareAsync(bigClient, bigPath, smallClient, smallPath, rounds, requestsPerRound, Concurrency);
            var total = rounds * requestsPerRound;
            var ratio = bigTime / smallTime;
            var ok = ratio <= MaxRatio;
            passed &= ok;
            output.WriteLine($"  {name,-22} 10 clients {total / smallTime.TotalSeconds,7:0} req/s ({smallTime.TotalMilliseconds / total,5:0.00} ms)   " +
                             $"10,000 clients {total / bigTime.TotalSeconds,7:0} req/s ({bigTime.TotalMilliseconds / total,5:0.00} ms)   ratio {ratio:0.00} (goal <= {MaxRatio:0.0}): {(ok ? "PASS" : "FAIL")}");
        }

        return passed;
    }

    private static async Task<bool> ExportAsync(int clients, TextWriter output)
    {
        using var host = new BenchmarkHost();
        var watch = Stopwatch.StartNew();
        var reseller = await SeedResellerAsync(host, "export", clients);
        output.WriteLine($"Reseller export: seeded {clients:N0} clients in {watch.Elapsed.TotalSeconds:F1} s");
        using var client = await SignedInAsync(host, reseller);
        var passed = true;
        foreach (var format in new[] { "csv", "xlsx" })
        {
            // A short export first, so JIT and caches are not billed as growth.
            using (var warm = await client.GetAsync($"/clients/export.{format}?q=client%20000001", HttpCompletionOption.ResponseHeadersRead)) await warm.Content.ReadAsByteArrayAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var baseline = process.WorkingSet64;
            var peak = baseline;
            var managedBaseline = GC.GetTotalMemory(forceFullCollection: false);
            var managedPeak = managedBaseline;
            long bytes = 0;
            var download = Stopwatch.StartNew();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    managedPeak = Math.Max(managedPeak, GC.GetTotalMemory(forceFullCollection: false));
                    try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            TimeSpan firstByte;
            using (var response = await client.GetAsync($"/clients/export.{format}", HttpCompletionOption.ResponseHeadersRead))
            {
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[64 * 1024];
                int read = await body.ReadAsync(buffer);
                firstByte = download.Elapsed;
                while (read > 0)
                {
                    bytes += read;
                    read = await body.ReadAsync(buffer);
                }
            }

            download.Stop();
            await sampling.CancelAsync();
            await sampler;
            var growth = peak - baseline;
            var ok = growth < MaxExportGrowth;
            passed &= ok;
            output.WriteLine($"  {format,-4} {clients:N0} clients: {bytes / 1024.0 / 1024.0:F1} MB in {download.Elapsed.TotalSeconds:F1} s (first bytes after {firstByte.TotalMilliseconds:F0} ms); " +
                             $"peak working set +{growth / 1024.0 / 1024.0:F1} MB, managed heap +{(managedPeak - managedBaseline) / 1024.0 / 1024.0:F1} MB (goal < 150 MB): {(ok ? "PASS" : "FAIL")}");
        }

        return passed;
    }

    internal sealed record SeededReseller(string Host, string Email);

    /// <summary>A partner with <paramref name="clients"/> linked clients (a third of them on a paid plan) and a signed-in-able owner, seeded as bulk SQL in one transaction.</summary>
    private static async Task<SeededReseller> SeedResellerAsync(BenchmarkHost host, string slug, int clients)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var now = DateTime.UtcNow;
        var partner = new Organization { Name = $"Reseller {slug}", Slug = slug, Kind = OrganizationKind.Partner, CreatedAt = now };
        var email = $"admin@{slug}.bench.test";
        var user = new PortalUser { Email = email, UserName = email, EmailConfirmed = true, CreatedAt = now };
        var created = await users.CreateAsync(user, "Bench-password-1");
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));

        var organizations = new List<Organization> { partner };
        var links = new List<PartnerClientLink>();
        var subscriptions = new List<PartnerPortal.Billing.AccountSubscription>();
        var rows = new List<ClientRow>();
        var random = new Random(clients);
        for (var i = 1; i <= clients; i++)
        {
            var org = new Organization { Name = $"Client {i:000000}", Slug = $"{slug}-c{i}", CreatedAt = now.AddMinutes(-i) };
            organizations.Add(org);
            links.Add(new PartnerClientLink { PartnerId = partner.Id, ClientId = org.Id, CreatedAt = now });
            var paid = i % 3 == 0;
            if (paid) subscriptions.Add(new PartnerPortal.Billing.AccountSubscription { TenantId = org.Id, PlanId = PartnerPortal.Billing.Plan.Seeded.BasicId, ChangedAt = now, ResellerPrice = 39m, ResellerPriceCurrency = "USD" });
            rows.Add(new ClientRow
            {
                ClientId = org.Id, TenantId = partner.Id, Name = org.Name, NameKey = org.Name.ToLowerInvariant(), HostKey = $"{org.Slug}.{BenchmarkHost.PlatformDomain}",
                CreatedAt = org.CreatedAt, PlanSort = paid ? 1 : 0, ListPrice = paid ? 29m : 0m, StatusRank = paid ? 2 : 0, LastActiveAt = now.AddMinutes(-random.Next(0, 100_000)),
            });
        }

        await db.Database.OpenConnectionAsync();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var tx = transaction.GetDbTransaction();
            await BulkInsertAsync(db, tx, organizations);
            await BulkInsertAsync(db, tx, links);
            await BulkInsertAsync(db, tx, subscriptions);
            await BulkInsertAsync(db, tx, rows);
            await BulkInsertAsync(db, tx, [new Membership { TenantId = partner.Id, UserId = user.Id, Role = OrganizationRole.Owner, CreatedAt = now }]);
            await BulkInsertAsync(db, tx, [new PartnerPortal.Resellers.Accounts.ResellerProfile { TenantId = partner.Id, PartnerCode = slug.ToUpperInvariant() + "CODE1", BecameResellerAt = now }]);
            await transaction.CommitAsync();
        }

        return new SeededReseller($"{slug}.{BenchmarkHost.PlatformDomain}", email);
    }

    /// <summary>One prepared INSERT per entity type, columns from the EF model (owned types flattened), so seeding 100,000 rows takes seconds.</summary>
    internal static async Task BulkInsertAsync<T>(PortalDbContext db, DbTransaction transaction, IReadOnlyList<T> entities) where T : class
    {
        if (entities.Count == 0) return;
        var type = db.Model.FindEntityType(typeof(T))!;
        var columns = type.GetProperties().Where(p => p.PropertyInfo is not null).Select(p => (Property: p, Of: (Func<object, object?>)(e => e)))
            .Concat(type.GetNavigations().Where(n => n.TargetEntityType.IsOwned()).SelectMany(n => n.TargetEntityType.GetProperties()
                .Where(p => !p.IsPrimaryKey() && p.PropertyInfo is not null).Select(p => (Property: p, Of: (Func<object, object?>)(e => n.PropertyInfo!.GetValue(e))))))
            .ToList();
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        await using var insert = db.Database.GetDbConnection().CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        foreach (var entity in entities)
        {
            insert.Parameters.Clear();
            for (var i = 0; i < columns.Count; i++)
            {
                var (property, of) = columns[i];
                insert.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(insert, $"@p{i}", property.PropertyInfo!.GetValue(of(entity)), property.IsNullable));
            }

            await insert.ExecuteNonQueryAsync();
        }
    }

    internal static async Task<HttpClient> SignedInAsync(BenchmarkHost host, SeededReseller reseller)
    {
        var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://{reseller.Host}/"), AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/signin");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = reseller.Email,
            ["Input.Password"] = "Bench-password-1",
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in {reseller.Email} answered {(int)response.StatusCode}.");
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
