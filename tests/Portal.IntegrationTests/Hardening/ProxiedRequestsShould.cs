using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Resellers;

namespace PartnerPortal.IntegrationTests.Hardening;

/// <summary>
/// Behind the README's Caddy (a configured proxy on loopback): the client's forwarded address and
/// scheme count, HSTS and Secure cookies on HTTPS, and the credential limit partitions by the
/// forwarded client and the normalized host, so neither host spellings nor a shared proxy address
/// change who is limited.
/// </summary>
public sealed class ProxiedRequestsShould(ProxiedRequestsShould.PortalBehindProxy factory) : PortalTest<ProxiedRequestsShould.PortalBehindProxy>(factory)
{
    public const int Limit = 3;

    public sealed class PortalBehindProxy() : SocketPortalFactory(new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies"] = "127.0.0.1,::1",
        ["RateLimits:Credentials:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task SendHstsAndSecureCookiesWhenTheProxySaysHttps()
    {
        var org = await World.CreateOrganizationAsync();
        using var client = Factory.ClientFor(org.Host);

        var plain = await client.GetAsync("/account/signin");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(plain.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        using var tab = Factory.ClientFor(org.Host);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var secure = await tab.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.DoesNotContain("includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(secure.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RecordTheForwardedClientAddressInTheAuditLog()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync();
        using var client = Factory.ClientFor(org.Host);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(owner.Email!)).StatusCode);

        var entry = await World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.UserId == owner.Id).OrderBy(a => a.Id).FirstAsync());
        Assert.Equal("203.0.113.7", entry.IpAddress);
    }

    [Fact]
    public async Task LimitSignInsAcrossSpellingsOfOneHost()
    {
        var org = await World.CreateOrganizationAsync();
        using var client = Factory.ClientFor(org.Host);
        var spellings = new[] { org.Host, org.Host.ToUpperInvariant(), org.Host + ".", $"{org.Host}:{Factory.Port}", string.Concat(org.Host.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : c)) };

        var statuses = new List<HttpStatusCode>();
        foreach (var host in spellings)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "nobody@people.test", ["Input.Password"] = "wrong" }) };
            request.Headers.Host = host;
            statuses.Add((await client.Http.SendAsync(request)).StatusCode);
        }

        Assert.All(statuses.Take(Limit), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Skip(Limit), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task LimitEachForwardedClientOnItsOwn()
    {
        var org = await World.CreateOrganizationAsync();
        using var attacker = Factory.ClientFor(org.Host);
        attacker.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.66");
        using var owner = Factory.ClientFor(org.Host);
        owner.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.10");

        for (var i = 0; i < Limit; i++) await PostWrongPasswordAsync(attacker);
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostWrongPasswordAsync(attacker));

        // The same proxy, another person behind it: not locked out by the attacker.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostWrongPasswordAsync(owner));
    }

    private static async Task<HttpStatusCode> PostWrongPasswordAsync(PortalClient client) =>
        (await client.Http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "nobody@people.test", ["Input.Password"] = "wrong" }))).StatusCode;
}

/// <summary>No proxy configured: forwarded headers are anyone's words and change nothing.</summary>
public sealed class UntrustedProxyShould(UntrustedProxyShould.PortalWithoutProxy factory) : PortalTest<UntrustedProxyShould.PortalWithoutProxy>(factory)
{
    public sealed class PortalWithoutProxy() : SocketPortalFactory(new Dictionary<string, string?> { ["RateLimits:Credentials:PermitLimit"] = "2" });

    [Fact]
    public async Task IgnoreForwardedHeadersFromAnyoneNotConfigured()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync();
        using var client = Factory.ClientFor(org.Host);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var page = await client.GetAsync("/account/signin");
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain(page.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(owner.Email!)).StatusCode);
        var entry = await World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.UserId == owner.Id).OrderBy(a => a.Id).FirstAsync());
        Assert.Equal("127.0.0.1", entry.IpAddress);

        // A client cannot escape its limit by claiming new addresses.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/account/signin") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@people.test", ["Input.Password"] = "wrong" }) };
            request.Headers.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await client.Http.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
