using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Mail;
using PartnerPortal.Modularity;
using PartnerPortal.Tenancy;
using PartnerPortal.Web.Data;

namespace PartnerPortal.UnitTests;

/// <summary>The tenant rules of the context, on a real SQLite database kept open in memory.</summary>
public sealed class TenantDataShould : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly TenantContext _tenants = new();
    private readonly TenantInfo _acme;
    private readonly TenantInfo _globex;

    public TenantDataShould()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
        var acme = new Organization { Name = "Acme", Slug = "acme" };
        var globex = new Organization { Name = "Globex", Slug = "globex" };
        db.Organizations.AddRange(acme, globex);
        db.SaveChanges();
        _acme = TenantInfo.From(acme, "portal.test");
        _globex = TenantInfo.From(globex, "portal.test");
    }

    [Fact]
    public void StampNewRowsWithTheCurrentTenant()
    {
        using var _ = _tenants.Change(_acme);
        using var db = NewContext();
        var workspace = new Workspace { Name = "General" };
        db.Workspaces.Add(workspace);
        db.SaveChanges();
        Assert.Equal(_acme.Id, workspace.TenantId);
    }

    [Fact]
    public void RefuseToWriteWithoutATenant()
    {
        using var db = NewContext();
        db.Workspaces.Add(new Workspace { Name = "General" });
        Assert.Throws<TenantMismatchException>(() => db.SaveChanges());
    }

    [Fact]
    public void RefuseANewRowThatNamesAnotherTenant()
    {
        using var _ = _tenants.Change(_acme);
        using var db = NewContext();
        db.Workspaces.Add(new Workspace { Name = "General", TenantId = _globex.Id });
        Assert.Throws<TenantMismatchException>(() => db.SaveChanges());
    }

    [Fact]
    public void RefuseToChangeOrDeleteAnotherTenantsRow()
    {
        var globexWorkspace = AddWorkspace(_globex, "Globex only");
        using var _ = _tenants.Change(_acme);
        using var db = NewContext();
        var row = db.Workspaces.IgnoreQueryFilters(["Tenant"]).Single(w => w.Id == globexWorkspace);

        row.Name = "Hijacked";
        Assert.Throws<TenantMismatchException>(() => db.SaveChanges());

        db.ChangeTracker.Clear();
        db.Workspaces.Remove(db.Workspaces.IgnoreQueryFilters(["Tenant"]).Single(w => w.Id == globexWorkspace));
        Assert.Throws<TenantMismatchException>(() => db.SaveChanges());
    }

    [Fact]
    public void RefuseToMoveARowToAnotherTenant()
    {
        var acmeWorkspace = AddWorkspace(_acme, "Acme only");
        using var _ = _tenants.Change(_acme);
        using var db = NewContext();
        db.Workspaces.Single(w => w.Id == acmeWorkspace).TenantId = _globex.Id;
        Assert.Throws<TenantMismatchException>(() => db.SaveChanges());
    }

    [Fact]
    public void ShowOnlyTheCurrentTenantsRows()
    {
        AddWorkspace(_acme, "Acme one");
        AddWorkspace(_globex, "Globex one");
        using var db = NewContext();

        using (_tenants.Change(_acme))
        {
            Assert.Equal(["Acme one"], db.Workspaces.Select(w => w.Name).ToList());
        }

        using (_tenants.Change(_globex))
        {
            Assert.Equal(["Globex one"], db.Workspaces.Select(w => w.Name).ToList());
        }

        Assert.Empty(db.Workspaces.ToList()); // no tenant, no rows
        Assert.Equal(2, db.Workspaces.IgnoreQueryFilters(["Tenant"]).Count());
    }

    [Fact]
    public void KeepThePlatformsOwnMailWithoutATenantAndHideItFromEveryTenant()
    {
        AddPlatformMail();

        using var reader = NewContext();
        Assert.Empty(reader.Outbox.ToList()); // no tenant, no rows: not even the platform's
        using (_tenants.Change(_acme))
        {
            Assert.Empty(reader.Outbox.ToList());
        }

        Assert.Equal(IMayBelongToPlatform.Platform, reader.Outbox.IgnoreQueryFilters(["Tenant"]).Single().TenantId);
    }

    [Fact]
    public void RefuseWithoutATenantMailThatNamesAnOrganization()
    {
        using var db = NewContext();
        db.Outbox.Add(Mail(_acme.Id));
        Assert.Throws<TenantMismatchException>(() => db.SaveChanges());
    }

    [Fact]
    public void RefuseWithoutATenantToHandThePlatformsMailToAnOrganization()
    {
        AddPlatformMail();

        using var writer = NewContext();
        var message = writer.Outbox.IgnoreQueryFilters(["Tenant"]).Single();
        message.Attempts = 1; // the platform's row stays the platform's: accepted
        writer.SaveChanges();
        message.TenantId = _acme.Id;
        Assert.Throws<TenantMismatchException>(() => writer.SaveChanges());
    }

    [Fact]
    public void RefuseThePlatformsIdOnEveryOtherType()
    {
        using var db = NewContext();
        db.Workspaces.Add(new Workspace { Name = "General", TenantId = IMayBelongToPlatform.Platform });
        Assert.Throws<TenantMismatchException>(() => db.SaveChanges());
    }

    [Fact]
    public void TreatMailQueuedInAnOrganizationAsItsOwn()
    {
        using (_tenants.Change(_acme))
        {
            using var db = NewContext();
            var queued = Mail(IMayBelongToPlatform.Platform);
            db.Outbox.Add(queued);
            db.SaveChanges();
            Assert.Equal(_acme.Id, queued.TenantId);
        }

        // A current tenant may not touch the platform's own mail either.
        AddPlatformMail();

        using (_tenants.Change(_acme))
        {
            using var db = NewContext();
            db.Outbox.IgnoreQueryFilters(["Tenant"]).Single(m => m.TenantId == IMayBelongToPlatform.Platform).Attempts = 2;
            Assert.Throws<TenantMismatchException>(() => db.SaveChanges());
        }
    }

    [Fact]
    public void RestoreThePreviousTenantWhenAChangeEnds()
    {
        using (_tenants.Change(_acme))
        {
            using (_tenants.Change(_globex))
            {
                Assert.Equal(_globex, _tenants.Current);
            }

            Assert.Equal(_acme, _tenants.Current);
        }

        Assert.Null(_tenants.Current);
    }

    private Guid AddWorkspace(TenantInfo tenant, string name)
    {
        using var _ = _tenants.Change(tenant);
        using var db = NewContext();
        var workspace = new Workspace { Name = name };
        db.Workspaces.Add(workspace);
        db.SaveChanges();
        return workspace.Id;
    }

    /// <summary>The platform's own mail, queued while no organization is current.</summary>
    private void AddPlatformMail()
    {
        using var db = NewContext();
        db.Outbox.Add(Mail(IMayBelongToPlatform.Platform));
        db.SaveChanges();
    }

    private static OutboxMessage Mail(Guid tenantId) => new()
    {
        TenantId = tenantId,
        Template = "password-reset",
        ToAddress = "admin@portal.test",
        FromAddress = "no-reply@portal.test",
        Subject = "Reset your password",
        HtmlBody = "<p>Reset</p>",
        TextBody = "Reset",
    };

    private SqlitePortalDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite(_connection).Options, _tenants, new InstalledModules([]));

    public void Dispose() => _connection.Dispose();
}
