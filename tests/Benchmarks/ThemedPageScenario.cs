using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Branding;
using PartnerPortal.Data;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Benchmarks;

/// <summary>
/// The sign-in page of a fully branded organization in a non-default theme (logo, favicon, colours,
/// footer, support contact, two stylesheets, a layout of its own) against the same page of an
/// unbranded organization in the default theme. Goal: at least 0.9 of the baseline's throughput.
/// </summary>
public static class ThemedPageScenario
{
    private const double Goal = 0.9;
    private const int Concurrency = 4;
    private const int RequestsPerRound = 400;
    private const string Page = "/account/signin";

    public static async Task<bool> RunAsync(int rounds, TextWriter output)
    {
        using var host = new BenchmarkHost();
        var (plain, branded) = await SeedAsync(host);
        using var plainClient = host.CreateDefaultClient(new Uri($"http://{plain}/"));
        using var brandedClient = host.CreateDefaultClient(new Uri($"http://{branded}/"));

        // Warm up: compile the theme views, fill the tenant cache, JIT everything on the path.
        await LoadAsync(plainClient, 300);
        await LoadAsync(brandedClient, 300);

        // Alternate rounds, so background load on the machine hits both sides alike.
        TimeSpan plainTime = TimeSpan.Zero, brandedTime = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            plainTime += await LoadAsync(plainClient, RequestsPerRound);
            brandedTime += await LoadAsync(brandedClient, RequestsPerRound);
        }

        var total = rounds * RequestsPerRound;
        var plainRate = total / plainTime.TotalSeconds;
        var brandedRate = total / brandedTime.TotalSeconds;
        var ratio = brandedRate / plainRate;
        output.WriteLine($"Themed page   default theme, unbranded: {plainRate,8:0} req/s");
        output.WriteLine($"              ledger theme, branded:    {brandedRate,8:0} req/s");
        output.WriteLine($"              ratio {ratio:0.00} (goal >= {Goal:0.0}): {(ratio >= Goal ? "PASS" : "FAIL")}");
        return ratio >= Goal;
    }

    private static async Task<TimeSpan> LoadAsync(HttpClient client, int requests)
    {
        var next = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= requests)
            {
                using var response = await client.GetAsync(Page);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }
        }));
        return watch.Elapsed;
    }

    private static async Task<(string Plain, string Branded)> SeedAsync(BenchmarkHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var plain = new Organization { Name = "Plain Co", Slug = "plain", CreatedAt = DateTime.UtcNow };
        var branded = new Organization { Name = "Branded Dental", Slug = "branded", CreatedAt = DateTime.UtcNow };
        var logo = Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0E7C86"/></svg>""");
        var b = branded.Branding;
        b.ProductName = "Smile Portal";
        b.PrimaryColor = "#0E7C86";
        b.AccentColor = "#B45309";
        b.Theme = "ledger";
        b.FooterText = "Branded Dental · 12 Harbour Street";
        b.SupportEmail = "help@branded.test";
        b.SupportPhone = "+1 555 0142";
        b.SupportUrl = "https://help.branded.test";
        b.LogoVersion = BrandImages.Version(logo);
        b.FaviconVersion = BrandImages.Version(logo);
        db.Organizations.AddRange(plain, branded);
        await db.SaveChangesAsync();

        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(TenantInfo.From(branded, BenchmarkHost.PlatformDomain)))
        {
            db.BrandAssets.Add(new BrandAsset { Kind = BrandAssetKind.Logo, ContentType = BrandImages.Svg, Content = logo, Version = b.LogoVersion });
            db.BrandAssets.Add(new BrandAsset { Kind = BrandAssetKind.Favicon, ContentType = BrandImages.Svg, Content = logo, Version = b.FaviconVersion });
            await db.SaveChangesAsync();
        }

        return ($"plain.{BenchmarkHost.PlatformDomain}", $"branded.{BenchmarkHost.PlatformDomain}");
    }
}
