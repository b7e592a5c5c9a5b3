using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PartnerPortal.Accounts;
using PartnerPortal.Tenancy;

namespace PartnerPortal.UnitTests;

public sealed class TenantUrlsShould
{
    private static readonly TenantInfo Contoso = TenantInfo.From(
        new Organization { Name = "Contoso", Slug = "contoso", PrimaryHost = "book.contoso.test" }, "portal.test");

    [Theory]
    [InlineData("https", null, null, "https://book.contoso.test/reset?x=1")] // production: https, no port
    [InlineData("https", 443, null, "https://book.contoso.test/reset?x=1")] // the default port is not written
    [InlineData("https", 8443, null, "https://book.contoso.test:8443/reset?x=1")] // a configured port is
    [InlineData("http", null, "http://localhost:5000", "http://book.contoso.test:5000/reset?x=1")] // development: the listening port
    [InlineData("http", null, "http://[::]:5123", "http://book.contoso.test:5123/reset?x=1")] // any-address binding
    [InlineData("http", 80, "http://localhost:5000", "http://book.contoso.test/reset?x=1")] // configured wins
    public void BuildLinksFromTheStoredPrimaryHost(string scheme, int? port, string? listening, string expected)
    {
        var urls = new TenantUrls(Options.Create(new PortalOptions { PublicScheme = scheme, PublicPort = port }), new FakeServer(listening));
        Assert.Equal(expected, urls.For(Contoso, "/reset?x=1"));
    }

    [Fact]
    public void UseThePlatformSubdomainWhenNoPrimaryHostIsStored()
    {
        var tenant = TenantInfo.From(new Organization { Name = "Fabrikam", Slug = "fabrikam" }, "portal.test");
        var urls = new TenantUrls(Options.Create(new PortalOptions { PublicScheme = "https" }), new FakeServer(null));
        Assert.Equal("https://fabrikam.portal.test/", urls.For(tenant, "/"));
    }

    [Fact]
    public void WaitForTheBoundPortBeforeRememberingIt()
    {
        // A test host asks Kestrel for port 0; until it listens the address still reads ":0".
        var server = new FakeServer("http://127.0.0.1:0");
        var urls = new TenantUrls(Options.Create(new PortalOptions { PublicScheme = "http" }), server);
        Assert.Equal("http://book.contoso.test/", urls.For(Contoso, "/"));

        server.Addresses.Clear();
        server.Addresses.Add("http://127.0.0.1:41234");
        Assert.Equal("http://book.contoso.test:41234/", urls.For(Contoso, "/"));
    }

    private sealed class FakeServer : IServer
    {
        public FakeServer(string? address)
        {
            var addresses = new ServerAddressesFeature();
            if (address is not null) addresses.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public ICollection<string> Addresses => Features.Get<IServerAddressesFeature>()!.Addresses;

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
