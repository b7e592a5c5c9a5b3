using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>T4: nothing a reseller's client or its users can see names the platform.</summary>
public sealed class WhiteLabelShould(WhiteLabelShould.FailingPageFactory factory) : PortalTest<WhiteLabelShould.FailingPageFactory>(factory)
{
    private const string Platform = "Cloudbase";

    [Theory]
    [InlineData(OrganizationRole.Owner)]
    [InlineData(OrganizationRole.Admin)]
    [InlineData(OrganizationRole.Member)]
    public async Task NameThePlatformNowhereAClientsPeopleCanGo(OrganizationRole role)
    {
        var (client, _) = await WhiteLabelledClientAsync();
        var user = await World.CreateUserAsync();
        await World.AddMemberAsync(client, user, role);
        using var browser = Factory.ClientFor(client.Host);

        // Signed out first: the start page, sign-in, password reset, an unknown page, favicons.
        var visited = await CrawlAsync(browser, ["/", "/account/signin", "/account/forgot-password", "/account/reset-password", "/no-such-page", "/favicon.svg", "/favicon.ico"]);
        await browser.SignInAsync(user.Email!);
        visited += await CrawlAsync(browser, ["/dashboard", "/settings", "/settings/branding", "/settings/theme"]);

        Assert.True(visited > (role == OrganizationRole.Member ? 8 : 14), $"The crawl reached only {visited} addresses.");
    }

    [Fact]
    public async Task BrandTheErrorPagesOfAClientsHost()
    {
        var (client, _) = await WhiteLabelledClientAsync();
        using var browser = Factory.ClientFor(client.Host);

        var (notFound, notFoundPage) = await browser.GetPageAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("Page not found", notFoundPage.QuerySelector("h1")!.TextContent);
        Assert.Equal("Blue Smile", notFoundPage.QuerySelector("header .brand")!.TextContent.Trim());
        await AssertNoPlatformNameAsync(notFound, "/no-such-page");

        ExpectLoggedErrors();
        var (failed, failedPage) = await browser.GetPageAsync($"/account/signin?{FailingPageFactory.FailOnPurpose}=1");
        ExpectLoggedErrors(); // the exception handler logs the failure we caused
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("Something went wrong", failedPage.QuerySelector("h1")!.TextContent);
        Assert.Equal("Blue Smile", failedPage.QuerySelector("header .brand")!.TextContent.Trim());
        Assert.Contains("help@reseller.test", failedPage.QuerySelector("main")!.TextContent); // the reseller's support contact
        await AssertNoPlatformNameAsync(failed, "the 500 page");
    }

    [Fact]
    public async Task SayPoweredByThePlatformOnlyForADirectClient()
    {
        var direct = await World.CreateOrganizationAsync("Direct Dental");
        var (client, _) = await WhiteLabelledClientAsync();

        using var onDirect = Factory.ClientFor(direct.Host);
        var (_, directPage) = await onDirect.GetPageAsync("/account/signin");
        Assert.Equal($"Powered by {Platform}", directPage.QuerySelector("footer .powered-by")!.TextContent);

        using var onClient = Factory.ClientFor(client.Host);
        var (_, clientPage) = await onClient.GetPageAsync("/account/signin");
        Assert.Null(clientPage.QuerySelector("footer .powered-by"));
    }

    [Fact]
    public async Task GiveAClientItsResellersSupportContactUntilItHasItsOwn()
    {
        var (client, _) = await WhiteLabelledClientAsync();
        using var browser = Factory.ClientFor(client.Host);
        var (_, page) = await browser.GetPageAsync("/account/signin");
        Assert.NotNull(page.QuerySelector("footer a[href='mailto:help@reseller.test']"));
        Assert.NotNull(page.QuerySelector("footer a[href='tel:+15550199']"));

        await World.GlobalAsync(async db =>
        {
            var org = await db.Organizations.FindAsync(client.Id);
            org!.Branding.SupportEmail = "desk@client.test";
            return await db.SaveChangesAsync();
        });
        var (_, after) = await browser.GetPageAsync("/account/signin");
        Assert.NotNull(after.QuerySelector("footer a[href='mailto:desk@client.test']"));
        Assert.Null(after.QuerySelector("footer a[href^='tel:']")); // its own contact replaces the reseller's as a whole
    }

    /// <summary>Follows every same-host link, stylesheet, image and icon reachable from the start paths (GET only).</summary>
    private async Task<int> CrawlAsync(PortalClient browser, IEnumerable<string> start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(start);
        while (queue.Count > 0 && seen.Count < 200)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path)) continue;
            var response = await browser.GetAsync(path);
            await AssertNoPlatformNameAsync(response, path);
            if (response.Headers.Location is { } location && IsLocal(location.OriginalString, browser.Host) is { } redirect)
            {
                queue.Enqueue(redirect);
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var page = await PortalClient.ParseAsync(response);
            var links = page.QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href"))
                .Concat(page.QuerySelectorAll("img[src], script[src]").Select(e => e.GetAttribute("src")));
            foreach (var link in links)
            {
                // Sign-out is a form post; the crawl only reads.
                if (IsLocal(link, browser.Host) is { } local && !local.StartsWith("/account/signout", StringComparison.Ordinal)) queue.Enqueue(local);
            }
        }

        return seen.Count;
    }

    private static string? IsLocal(string? link, string host)
    {
        if (string.IsNullOrEmpty(link) || link.StartsWith('#')) return null;
        if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal)) return link.Split('#')[0];
        return Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host == host ? uri.PathAndQuery : null;
    }

    private static async Task AssertNoPlatformNameAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.False(body.Contains(Platform, StringComparison.OrdinalIgnoreCase), $"{what} names the platform in its body.");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            Assert.False(name.Contains(Platform, StringComparison.OrdinalIgnoreCase) || values.Any(v => v.Contains(Platform, StringComparison.OrdinalIgnoreCase)),
                $"{what} names the platform in its {name} header.");
        }
    }

    private async Task<(TestOrganization Client, TestOrganization Reseller)> WhiteLabelledClientAsync()
    {
        var reseller = await World.CreateOrganizationAsync("Reseller & Partners", OrganizationKind.Partner, configure: o =>
        {
            o.Branding.SupportEmail = "help@reseller.test";
            o.Branding.SupportPhone = "+1 555 0199";
            o.Branding.ClientTheme = "bold";
        });
        var client = await World.CreateOrganizationAsync("Blue Smile", reseller: reseller);
        return (client, reseller);
    }

    /// <summary>A host with one way to make a page fail on purpose, to see the branded 500 page.</summary>
    public sealed class FailingPageFactory : PortalFactory
    {
        public const string FailOnPurpose = "fail-on-purpose";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<MvcOptions>(o => o.Filters.Add(new FailOnPurposeFilter())));
        }

        private sealed class FailOnPurposeFilter : IPageFilter
        {
            public void OnPageHandlerSelected(PageHandlerSelectedContext context)
            {
            }

            public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
            {
                var request = context.HttpContext.Request;
                if (request.Query.ContainsKey(FailOnPurpose) && !request.Path.StartsWithSegments("/error"))
                {
                    throw new InvalidOperationException("A page failed on purpose.");
                }
            }

            public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
            {
            }
        }
    }
}
