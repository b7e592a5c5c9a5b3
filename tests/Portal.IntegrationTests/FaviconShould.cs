using System.Net;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>T5: a favicon per organization, rendered from its theme or uploaded, cached and revalidated by ETag.</summary>
public sealed class FaviconShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task RenderEachOrganizationsInitialsInItsColour()
    {
        var teal = await World.CreateOrganizationAsync("Contoso Dental", configure: o => o.Branding.PrimaryColor = "#0E7C86");
        var orange = await World.CreateOrganizationAsync("Fabrikam Fitness", configure: o => { o.Branding.PrimaryColor = "#C2410C"; o.Branding.Theme = "ledger"; });

        var first = await FaviconAsync(teal);
        var second = await FaviconAsync(orange);
        Assert.Contains(">CD</text>", first);
        Assert.Contains("#0E7C86", first);
        Assert.Contains(">FF</text>", second);
        Assert.Contains("#C2410C", second);
        Assert.Contains("<circle", second); // ledger's own favicon template
        Assert.DoesNotContain("<circle", first); // default's

        using var client = Factory.ClientFor(teal.Host);
        var (_, page) = await client.GetPageAsync("/account/signin");
        Assert.Equal("/favicon.svg", page.QuerySelector("link[rel=icon]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AnswerWithAnETagAndNotModifiedUntilTheBrandChanges()
    {
        var org = await World.CreateOrganizationAsync("Etag Co");
        using var client = Factory.ClientFor(org.Host);
        var response = await client.GetAsync("/favicon.svg");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.CacheControl!.MaxAge);
        var etag = response.Headers.ETag!;

        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalAsync(client, etag)).StatusCode);

        await World.GlobalAsync(async db =>
        {
            var organization = await db.Organizations.FindAsync(org.Id);
            organization!.Branding.PrimaryColor = "#7C3AED";
            return await db.SaveChangesAsync();
        });
        var changed = await ConditionalAsync(client, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("#7C3AED", await changed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ServeAnUploadedFaviconAndLinkItFromEveryPage()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        var saved = await client.PostMultipartAsync("/settings/branding", new Dictionary<string, string>
        {
            ["Form.PrimaryColor"] = "#1D4ED8",
            ["Form.AccentColor"] = "#0F766E",
        }, new Dictionary<string, (string, byte[])> { ["Form.Favicon"] = ("favicon.png", TestImages.Png) });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        foreach (var path in new[] { "/", "/settings", "/no-such-page" })
        {
            var (_, page) = await client.GetPageAsync(path);
            var href = page.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
            Assert.StartsWith("/branding/favicon?v=", href);
            var icon = await client.GetAsync(href);
            Assert.Equal("image/png", icon.Content.Headers.ContentType!.MediaType);
            Assert.Equal(TestImages.Png, await icon.Content.ReadAsByteArrayAsync());
        }

        var ico = await client.GetAsync("/favicon.ico"); // what browsers ask for on their own
        Assert.Equal(TestImages.Png, await ico.Content.ReadAsByteArrayAsync());
        Assert.NotNull(ico.Headers.ETag);
    }

    private async Task<string> FaviconAsync(TestOrganization org)
    {
        using var client = Factory.ClientFor(org.Host);
        return await (await client.GetAsync("/favicon.svg")).Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> ConditionalAsync(PortalClient client, System.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/favicon.svg");
        request.Headers.IfNoneMatch.Add(etag);
        return client.Http.SendAsync(request);
    }
}
