using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;

namespace PartnerPortal.IntegrationTests.Infrastructure;

public sealed record TestOrganization(Guid Id, string Name, string Slug, string Host);

/// <summary>Creates the organizations and people a test needs, with fresh names, so no test depends on another's data.</summary>
public sealed class TestWorld(PortalFactory factory)
{
    public const string Password = "Test-password-1";

    private static string? _passwordHash;

    public static string UniqueSlug(string prefix = "org") => $"{prefix}{Guid.NewGuid().ToString("N")[..10]}";

    public async Task<TestOrganization> CreateOrganizationAsync(string? name = null, OrganizationKind kind = OrganizationKind.Client,
        TestOrganization? reseller = null, string? customDomain = null, Action<Organization>? configure = null)
    {
        var slug = UniqueSlug();
        name ??= $"Org {slug}";
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var org = new Organization { Name = name, Slug = slug, Kind = kind, CreatedAt = DateTime.UtcNow, PrimaryHost = customDomain };
        if (customDomain is not null)
        {
            org.Domains.Add(new OrganizationDomain { Host = customDomain, VerificationToken = "t", VerifiedAt = DateTime.UtcNow, CreatedAt = DateTime.UtcNow });
        }

        configure?.Invoke(org);
        db.Organizations.Add(org);
        if (reseller is not null)
        {
            db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = reseller.Id, ClientId = org.Id, CreatedAt = DateTime.UtcNow });
        }

        await db.SaveChangesAsync();
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(TenantInfo.From(org, PortalFactory.PlatformDomain)))
        {
            db.Workspaces.Add(new Workspace { Name = "General", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        // As OrganizationSetup announces a new organization and its link (the reseller's dashboard lists it).
        var events = scope.ServiceProvider.GetRequiredService<IPortalEvents>();
        await events.PublishAsync(new PortalEvent(org.Id, null, KernelEvents.OrganizationChanged, DateTime.UtcNow));
        if (reseller is not null) await events.PublishAsync(new PortalEvent(org.Id, null, KernelEvents.PartnerLinkChanged, DateTime.UtcNow));

        return new TestOrganization(org.Id, name, slug, customDomain ?? factory.HostOf(slug));
    }

    public async Task<PortalUser> CreateUserAsync(string? email = null, bool platformAdmin = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        email ??= $"{UniqueSlug("user")}@people.test";
        var user = new PortalUser { Email = email, UserName = email, EmailConfirmed = true, DisplayName = email.Split('@')[0], IsPlatformAdmin = platformAdmin };
        // One hash of the shared password for every person: the host's own hasher makes it once per run (each
        // hash is 100,000 rounds of PBKDF2, about 50 ms; the suite creates some 2,000 people). Signing in still
        // verifies it in full.
        user.PasswordHash = _passwordHash ??= users.PasswordHasher.HashPassword(user, Password);
        var result = await users.CreateAsync(user);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public async Task AddMemberAsync(TestOrganization org, PortalUser user, OrganizationRole role)
    {
        await InTenantAsync(org, async db =>
        {
            db.Memberships.Add(new Membership { UserId = user.Id, Role = role, CreatedAt = DateTime.UtcNow });
            // The organization's first workspace, as an invitation's acceptance does.
            var workspace = await db.Workspaces.OrderBy(w => w.CreatedAt).FirstAsync();
            db.WorkspaceMemberships.Add(new WorkspaceMembership { WorkspaceId = workspace.Id, UserId = user.Id, Role = WorkspaceRole.Member, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return 0;
        });
    }

    /// <summary>
    /// Ends the person's membership (and workspace places) in <paramref name="org"/>: how a test gets
    /// someone signed in without membership, since sign-in is refused where one has none (A6).
    /// </summary>
    public Task<int> EndMembershipAsync(TestOrganization org, PortalUser user) =>
        InTenantAsync(org, async db =>
        {
            await db.WorkspaceMemberships.Where(m => m.UserId == user.Id).ExecuteDeleteAsync();
            return await db.Memberships.Where(m => m.UserId == user.Id).ExecuteDeleteAsync();
        });

    /// <summary>A new organization with one member of the given role; returns both.</summary>
    public async Task<(TestOrganization Organization, PortalUser User)> OrganizationWithMemberAsync(OrganizationRole role = OrganizationRole.Owner, string? name = null)
    {
        var org = await CreateOrganizationAsync(name);
        var user = await CreateUserAsync();
        await AddMemberAsync(org, user, role);
        return (org, user);
    }

    public async Task<T> InTenantAsync<T>(TestOrganization org, Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        var tenant = await store.FindByIdAsync(org.Id) ?? throw new InvalidOperationException($"No organization {org.Id}.");
        using (scope.ServiceProvider.GetRequiredService<ITenantContext>().Change(tenant))
        {
            return await work(db);
        }
    }

    public async Task<T> GlobalAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }

    /// <summary>
    /// Raises a kernel event as the kernel's own services do after the kind of change a test just
    /// wrote straight to the database, so that modules keeping copies (the dashboard's rows) follow it.
    /// </summary>
    public async Task AnnounceAsync(TestOrganization org, string kind)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IPortalEvents>().PublishAsync(new PortalEvent(org.Id, null, kind, DateTime.UtcNow));
    }

    /// <summary>What the outbox holds for <paramref name="to"/>, for a test's failure message (every organization's and the platform's mail).</summary>
    public string DescribeOutbox(string to)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return string.Join("; ", db.Outbox.IgnoreQueryFilters(["Tenant"]).Where(m => m.ToAddress == to)
            .Select(m => $"outbox: {m.Attempts} attempts, sent {m.SentAt}, last error {m.LastError}").ToList());
    }
}
