using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// A4: the key ring lives in the database through PersistKeysToDbContext. Keys written by the
/// hand-written repository it replaced (same table, rows written with plain SQL) stay readable, so
/// a session and a protected payload from before the upgrade still work after it.
/// </summary>
public sealed class DataProtectionKeysShould : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("portal-keys-");

    [Fact]
    public async Task ReadSessionsAndPayloadsProtectedWithKeysWrittenBeforeTheUpgrade()
    {
        CookieContainer jar = new();
        string host, payload;
        using (var before = new KeyRingFactory(_data.FullName, legacyRepository: true))
        {
            var world = new TestWorld(before);
            var (org, user) = await world.OrganizationWithMemberAsync(OrganizationRole.Owner);
            host = org.Host;
            using var client = before.ClientFor(host, jar);
            Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email!)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/settings/branding")).StatusCode);
            payload = before.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("keys-test").Protect("written before");
            Assert.Empty(before.Logs.Errors);
        }

        using var after = new KeyRingFactory(_data.FullName, legacyRepository: false);
        using (var client = after.ClientFor(host, jar))
        {
            var response = await client.GetAsync("/settings/branding");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal("written before", after.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("keys-test").Unprotect(payload));
        // The old key is still the default one: the upgrade neither lost nor replaced it.
        var keys = await new TestWorld(after).GlobalAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());
        var key = Assert.Single(keys);
        Assert.StartsWith("key-", key.FriendlyName);
        Assert.Empty(after.Logs.Errors);
    }

    [Fact]
    public async Task StoreNewKeysInTheSharedTable()
    {
        using var factory = new KeyRingFactory(_data.FullName, legacyRepository: false);
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("keys-test");
        Assert.Equal("new", protector.Unprotect(protector.Protect("new")));
        var keys = await new TestWorld(factory).GlobalAsync(db => db.DataProtectionKeys.AsNoTracking().ToListAsync());
        Assert.Contains(keys, k => XElement.Parse(k.Xml!).Name.LocalName == "key");
        Assert.Empty(factory.Logs.Errors);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    /// <summary>The portal on a data folder that outlives it, optionally with the key repository of before the upgrade.</summary>
    private sealed class KeyRingFactory(string dataDirectory, bool legacyRepository)
        : PortalFactory(new Dictionary<string, string?> { ["Portal:DataDirectory"] = dataDirectory })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (!legacyRepository) return;
            builder.ConfigureTestServices(services =>
                services.Configure<KeyManagementOptions>(o => o.XmlRepository = new LegacyKeyRepository(OpenDatabaseConnection)));
        }
    }

    /// <summary>What the removed DatabaseXmlRepository did, in plain SQL: one row per key, the XML without formatting.</summary>
    private sealed class LegacyKeyRepository(Func<System.Data.Common.DbConnection> open) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var connection = open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"Xml\" FROM \"DataProtectionKeys\"";
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read()) elements.Add(XElement.Parse(reader.GetString(0)));
            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var connection = open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (@name, @xml)";
            foreach (var (name, value) in new[] { ("name", friendlyName), ("xml", element.ToString(SaveOptions.DisableFormatting)) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            command.ExecuteNonQuery();
        }
    }
}
