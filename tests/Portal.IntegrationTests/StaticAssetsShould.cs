using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>Issue 14, "Fast first impressions": theme files with a version in their URL are kept a year and sent compressed.</summary>
public sealed class StaticAssetsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task ServeVersionedThemeFilesImmutableAndCompressed()
    {
        using var client = Factory.ClientFor(PortalFactory.PlatformDomain);
        var (_, page) = await client.GetPageAsync("/account/signin");
        var href = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Contains("?v=", href);

        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, href);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await client.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", string.Join(", ", response.Headers.GetValues("Cache-Control")));
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        }

        // Without a version the file may change under the same URL: no year-long promise.
        var plain = await client.GetAsync(href[..href.IndexOf('?')]);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.False(plain.Headers.TryGetValues("Cache-Control", out var values) && string.Join(",", values).Contains("immutable"));
    }
}
