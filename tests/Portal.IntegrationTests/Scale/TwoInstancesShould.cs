using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;

namespace PartnerPortal.IntegrationTests.Scale;

/// <summary>
/// Two instances of the portal on one database (the same SQLite file, or the same PostgreSQL
/// database in the suite's PostgreSQL pass) and one Redis, as behind a load balancer (DESIGN
/// "Scale-out"): what one instance changes, the other shows within a second.
/// </summary>
public sealed class TwoInstances : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("portal-two-");

    public TwoInstances()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = _data.FullName,
            ["ConnectionStrings:Redis"] = Redis.Configuration,
            ["Redis:InstanceName"] = $"two-{Guid.NewGuid():N}:",
        };
        First = new Instance(settings);
        // One after the other: the first migrates the shared database, the second finds it current.
        _ = First.Services;
        Second = new Instance(settings);
        _ = Second.Services;
    }

    public RedisServer Redis { get; } = new();

    public Instance First { get; }

    public Instance Second { get; }

    public void Dispose()
    {
        Second.Dispose();
        First.Dispose();
        Redis.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing job; the OS cleans temp folders.
        }
    }

    public sealed class Instance(IDictionary<string, string?> settings) : PortalFactory(settings);
}

public sealed class TwoInstancesShould(TwoInstances instances) : IClassFixture<TwoInstances>, IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(1);
    private readonly TestWorld _first = new(instances.First);

    [Fact]
    public async Task AcceptASessionIssuedByTheOther()
    {
        var (org, owner) = await _first.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var signedIn = await instances.First.SignedInAsync(org.Host, owner);
        using var onSecond = instances.Second.ClientFor(org.Host, signedIn.Jar);

        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/settings/branding")).StatusCode);
    }

    /// <summary>A2 on two instances: each tenant's requests alternate between them, on one session.</summary>
    [Fact]
    public async Task NeverShowOneTenantsDataToTheOtherUnderConcurrentLoadOnBoth()
    {
        var a = await LoadTenantAsync("Alpha");
        var b = await LoadTenantAsync("Bravo");

        Assert.Empty(await InterleavedIsolationShould.InterleaveAsync(a, b));
        foreach (var client in a.Clients.Concat(b.Clients)) client.Dispose();
    }

    [Fact]
    public async Task StopServingARemovedHostOnTheOtherWithinASecond()
    {
        var org = await _first.CreateOrganizationAsync();
        using var onSecond = instances.Second.ClientFor(org.Host);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/account/signin")).StatusCode); // now cached there

        var renamed = TestWorld.UniqueSlug();
        await _first.GlobalAsync(db => db.Organizations.Where(o => o.Id == org.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Slug, renamed)));

        var took = await UntilAsync(onSecond, "/account/signin", HttpStatusCode.NotFound);
        Assert.True(took < Within, $"The second instance served the removed host for {took.TotalMilliseconds:0} ms.");
        using var renamedOnSecond = instances.Second.ClientFor(instances.Second.HostOf(renamed));
        Assert.Equal(HttpStatusCode.OK, (await renamedOnSecond.GetAsync("/account/signin")).StatusCode);
    }

    /// <summary>The security test's finding: the second instance served a deleted client to its owner for 607 s.</summary>
    [Fact]
    public async Task StopServingADeletedClientOnTheOtherWithinASecond()
    {
        var world = await ResellerWorld.CreateAsync(_first);
        using var ownerOnSecond = await instances.Second.SignedInAsync(world.First.Host, world.ClientOwner);
        Assert.Equal(HttpStatusCode.OK, (await ownerOnSecond.GetAsync("/settings")).StatusCode);

        using var admin = await instances.First.SignedInAsync(world.Reseller.Host, world.Admin);
        var page = $"/clients/{world.First.Id}";
        var deleted = await admin.PostFormAsync(page, new Dictionary<string, string> { ["ConfirmName"] = "Alpha Dental" }, action: page + "?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var took = await UntilAsync(ownerOnSecond, "/settings", HttpStatusCode.NotFound);
        Assert.True(took < Within, $"The second instance served the deleted client for {took.TotalMilliseconds:0} ms.");
        Assert.Equal(HttpStatusCode.NotFound, (await ownerOnSecond.GetAsync("/dashboard")).StatusCode);
    }

    [Fact]
    public async Task ShowABrandingChangeMadeOnOneOnTheOtherWithinASecond()
    {
        var org = await _first.CreateOrganizationAsync("Before Brand");
        using var onSecond = instances.Second.ClientFor(org.Host);
        Assert.Contains("Before Brand", await (await onSecond.GetAsync("/account/signin")).Content.ReadAsStringAsync());

        await using (var scope = instances.First.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var entity = await db.Organizations.SingleAsync(o => o.Id == org.Id);
            entity.Name = "After Brand";
            await db.SaveChangesAsync();
        }

        var watch = Stopwatch.StartNew();
        while (!(await (await onSecond.GetAsync("/account/signin")).Content.ReadAsStringAsync()).Contains("After Brand", StringComparison.Ordinal))
        {
            Assert.True(watch.Elapsed < Within, "The second instance still shows the old name after a second.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ShowAThemeChangeMadeOnOneOnTheOtherWithinASecond()
    {
        var (org, owner) = await _first.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var onSecond = instances.Second.ClientFor(org.Host);
        Assert.Equal("default", (await onSecond.GetPageAsync("/account/signin")).Document.Body!.GetAttribute("data-theme")); // now cached there

        using var ownerOnFirst = await instances.First.SignedInAsync(org.Host, owner);
        Assert.Equal(HttpStatusCode.Redirect, (await ownerOnFirst.PostFormAsync("/settings/theme", new Dictionary<string, string> { ["Theme"] = "ledger" })).StatusCode);

        var watch = Stopwatch.StartNew();
        while ((await onSecond.GetPageAsync("/account/signin")).Document.Body!.GetAttribute("data-theme") != "ledger")
        {
            Assert.True(watch.Elapsed < Within, "The second instance still shows the old theme after a second.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task RefuseAMemberRemovedOnOneOnTheOtherWithinASecond()
    {
        var (org, owner) = await _first.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var admin = await _first.CreateUserAsync();
        await _first.AddMemberAsync(org, admin, OrganizationRole.Admin);
        using var adminOnSecond = await instances.Second.SignedInAsync(org.Host, admin);
        Assert.Equal(HttpStatusCode.OK, (await adminOnSecond.GetAsync("/settings/members")).StatusCode);

        using var ownerOnFirst = await instances.First.SignedInAsync(org.Host, owner);
        var membershipId = await _first.InTenantAsync(org, db => db.Memberships.Where(m => m.UserId == admin.Id).Select(m => m.Id).SingleAsync());
        var removed = await ownerOnFirst.PostFormAsync("/settings/members", new Dictionary<string, string> { ["membershipId"] = membershipId.ToString() }, "/settings/members?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        var took = await UntilAsync(adminOnSecond, "/settings/members", HttpStatusCode.Forbidden);
        Assert.True(took < Within, $"The second instance let the removed member in for {took.TotalMilliseconds:0} ms.");
    }

    private static async Task<TimeSpan> UntilAsync(PortalClient client, string path, HttpStatusCode expected)
    {
        var watch = Stopwatch.StartNew();
        while ((await client.GetAsync(path)).StatusCode != expected)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) break;
            await Task.Delay(10);
        }

        return watch.Elapsed;
    }

    private async Task<InterleavedIsolationShould.LoadTenant> LoadTenantAsync(string name)
    {
        var marker = $"{name} {Guid.NewGuid():N}"[..20];
        var (org, owner) = await _first.OrganizationWithMemberAsync(OrganizationRole.Owner, marker);
        var onFirst = await instances.First.SignedInAsync(org.Host, owner);
        return new(marker, owner.Email!, [onFirst, instances.Second.ClientFor(org.Host, onFirst.Jar)]);
    }

    public void Dispose()
    {
        var errors = instances.First.Logs.Errors.Concat(instances.Second.Logs.Errors).ToList();
        instances.First.Logs.Clear();
        instances.Second.Logs.Clear();
        Assert.True(errors.Count == 0, "Errors were logged:\n" + string.Join("\n", errors));
    }
}
