using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Branding;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>T3, T5, A3: an organization's branding page, its uploads, and what pages show of it.</summary>
public sealed class BrandingShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task SaveEveryFieldAndShowItOnTheOrganizationsPages()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Harbour Dental");
        using var client = await SignedInAsync(org, owner);

        var response = await client.PostMultipartAsync("/settings/branding", Fields("Smile Portal", "#0E7C86", "#B45309") , new Dictionary<string, (string, byte[])>
        {
            ["Form.Logo"] = ("logo.png", TestImages.Png),
            ["Form.Favicon"] = ("favicon.ico", TestImages.Ico),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/settings/branding?saved=true", response.Headers.Location!.OriginalString, ignoreCase: true);

        var (_, home) = await client.GetPageAsync("/");
        var html = home.DocumentElement.OuterHtml;
        Assert.Equal("Smile Portal", home.QuerySelector("header .brand")!.TextContent.Trim());
        Assert.Equal("Welcome · Smile Portal", home.Title);
        var logo = home.QuerySelector<IHtmlImageElement>("header .brand img")!;
        Assert.Matches("^/branding/logo\\?v=[0-9a-f]{20}$", logo.GetAttribute("src"));
        Assert.Matches("^/branding/favicon\\?v=[0-9a-f]{20}$", home.QuerySelector("link[rel=icon]")!.GetAttribute("href"));
        Assert.Contains("--brand: #0E7C86; --accent: #B45309;", home.QuerySelector("style")!.TextContent);
        Assert.Contains("Harbour Street 12", home.QuerySelector("footer")!.TextContent);
        Assert.NotNull(home.QuerySelector("footer a[href='mailto:help@harbour.test']"));
        Assert.NotNull(home.QuerySelector("footer a[href='tel:+15550142']"));
        Assert.NotNull(home.QuerySelector("footer a[href='https://help.harbour.test/']"));
        Assert.Contains("Powered by Cloudbase", html); // a direct client

        var saved = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id));
        Assert.Equal("Smile Portal", saved.Branding.ProductName);
        Assert.Equal("Harbour Dental", saved.Name); // the organization keeps its own name
        var audit = await World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.Action == "branding.changed").SingleAsync());
        Assert.Contains("logo", audit.Detail);
        Assert.Equal(owner.Email, audit.UserEmail);
    }

    [Fact]
    public async Task ServeTheLogoWithAnETagAndCacheItForeverOnlyUnderItsVersion()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SignedInAsync(org, owner);
        await client.PostMultipartAsync("/settings/branding", Fields(null, "#1D4ED8", "#0F766E"), new Dictionary<string, (string, byte[])> { ["Form.Logo"] = ("logo.svg", TestImages.Svg()) });
        var version = BrandImages.Version(TestImages.Svg());

        using var visitor = Factory.ClientFor(org.Host); // signed out: logos appear on the sign-in page
        var versioned = await visitor.GetAsync($"/branding/logo?v={version}");
        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("image/svg+xml", versioned.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestImages.Svg(), await versioned.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{version}\"", versioned.Headers.ETag!.Tag);
        Assert.Contains("immutable", versioned.Headers.CacheControl!.ToString());
        Assert.Equal(TimeSpan.FromDays(365), versioned.Headers.CacheControl.MaxAge);

        var bare = await visitor.GetAsync("/branding/logo");
        Assert.True(bare.Headers.CacheControl!.NoCache);

        var request = new HttpRequestMessage(HttpMethod.Get, "/branding/logo");
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.Http.SendAsync(request)).StatusCode);

        // Another organization's host has no logo of its own, and never serves this one.
        var other = await World.CreateOrganizationAsync();
        using var onOther = Factory.ClientFor(other.Host);
        Assert.Equal(HttpStatusCode.NotFound, (await onOther.GetAsync($"/branding/logo?v={version}")).StatusCode);
    }

    public static TheoryData<string, string, byte[], string> BadUploads => new()
    {
        { "Form.Logo", "logo.png", TestImages.TextPretendingToBePng, "must be a PNG, JPEG, WebP or SVG image" },
        { "Form.Logo", "huge.png", TestImages.OversizedPng(), "the limit is 512 KB" },
        { "Form.Logo", "logo.ico", TestImages.Ico, "this file is an ICO" },
        { "Form.Logo", "entities.svg", System.Text.Encoding.UTF8.GetBytes("""<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"""), "not an image we recognize" },
        { "Form.Favicon", "favicon.ico", TestImages.Jpeg, "must be an ICO, PNG or SVG image" },
        { "Form.Favicon", "favicon.png", [], "empty" },
    };

    [Theory]
    [MemberData(nameof(BadUploads), DisableDiscoveryEnumeration = true)] // megabytes of files: enumerated when run, not serialized at discovery
    public async Task RefuseABadUploadOnTheSamePageAndChangeNothing(string field, string fileName, byte[] content, string message)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Unchanged Co");
        using var client = await SignedInAsync(org, owner);

        // Good values in every other field: they must not be saved either (one transaction).
        var response = await client.PostMultipartAsync("/settings/branding", Fields("Half Saved", "#123456", "#654321"), new Dictionary<string, (string, byte[])>
        {
            [field] = (fileName, content),
            [field == "Form.Logo" ? "Form.Favicon" : "Form.Logo"] = ("fine.png", TestImages.Png),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("Nothing was saved", page.QuerySelector("[role=alert]")!.TextContent);
        var fieldError = page.QuerySelector($"span[data-valmsg-for='{field}']")!.TextContent;
        Assert.Contains(message, fieldError);
        Assert.Equal("Half Saved", page.QuerySelector<IHtmlInputElement>("input[name='Form.ProductName']")!.Value); // the form is kept

        var saved = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id));
        Assert.Null(saved.Branding.ProductName);
        Assert.Equal(BrandColors.DefaultPrimary, saved.Branding.PrimaryColor);
        Assert.Null(saved.Branding.LogoVersion);
        Assert.Null(saved.Branding.FaviconVersion);
        Assert.Equal(0, await World.InTenantAsync(org, db => db.BrandAssets.CountAsync()));
        Assert.False(await World.InTenantAsync(org, db => db.AuditEntries.AnyAsync(a => a.Action == "branding.changed")));
    }

    [Fact]
    public async Task RefuseAFileOfSeveralMegabytesWithAMessageNotAnErrorPage()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SignedInAsync(org, owner);
        var response = await client.PostMultipartAsync("/settings/branding", Fields(null, "#1D4ED8", "#0F766E"),
            new Dictionary<string, (string, byte[])> { ["Form.Logo"] = ("photo.png", [.. TestImages.Png, .. new byte[5 * 1024 * 1024]]) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("the limit is 512 KB", (await PortalClient.ParseAsync(response)).QuerySelector("span[data-valmsg-for='Form.Logo']")!.TextContent);
    }

    [Theory]
    [InlineData("Form.PrimaryColor", "#FFF", "primary colour")]
    [InlineData("Form.AccentColor", "red;} body{display:none", "accent colour")]
    [InlineData("Form.SupportUrl", "javascript:alert(1)", "starting with https://")]
    [InlineData("Form.SupportEmail", "not-an-address", "support e-mail address")]
    [InlineData("Form.SupportPhone", "call me\r\nmaybe", "phone number")]
    [InlineData("Form.ProductName", "", null)] // empty is allowed: the organization's name is used
    public async Task ValidateEveryFieldAndSaveNothingWhenOneIsWrong(string field, string value, string? message)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Valid Co");
        using var client = await SignedInAsync(org, owner);
        var fields = Fields("Renamed", "#123456", "#654321");
        fields[field] = value;

        var response = await client.PostMultipartAsync("/settings/branding", fields, new Dictionary<string, (string, byte[])>());

        var saved = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id));
        if (message is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("#123456", saved.Branding.PrimaryColor);
            return;
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector($"span[data-valmsg-for='{field}']")!.TextContent);
        Assert.Equal(BrandColors.DefaultPrimary, saved.Branding.PrimaryColor);
        Assert.Null(saved.Branding.ProductName);
    }

    [Fact]
    public async Task WarnWhenWhiteTextOnABrandColourIsHardToRead()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Admin);
        using var client = await SignedInAsync(org, owner);
        var (_, before) = await client.GetPageAsync("/settings/branding");
        Assert.Empty(before.QuerySelectorAll(".warning"));

        var response = await client.PostMultipartAsync("/settings/branding", Fields(null, "#FACC15", "#0F766E"), new Dictionary<string, (string, byte[])>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // a warning, not an error: it saves

        var (_, after) = await client.GetPageAsync("/settings/branding?saved=true");
        var warning = Assert.Single(after.QuerySelectorAll(".warning"));
        Assert.Contains("#FACC15", warning.TextContent);
        Assert.Contains("below the 4.5:1", warning.TextContent);
    }

    [Fact]
    public async Task ServeAnUploadedSvgSoThatItsScriptsCannotRun()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SignedInAsync(org, owner);
        var saved = await client.PostMultipartAsync("/settings/branding", Fields(null, "#1D4ED8", "#0F766E"), new Dictionary<string, (string, byte[])>
        {
            ["Form.Logo"] = ("logo.svg", TestImages.HostileSvg),
            ["Form.Favicon"] = ("favicon.svg", TestImages.HostileSvg),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var version = BrandImages.Version(TestImages.HostileSvg);

        foreach (var path in new[] { $"/branding/logo?v={version}", "/branding/logo", $"/branding/favicon?v={version}", "/favicon.ico" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.StartsWith("default-src 'none'", csp);
            Assert.DoesNotContain("script-src", csp);
            Assert.Contains("sandbox", csp);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }

        // Pages show it only through <img> (where SVG never runs script), never as a document.
        foreach (var path in new[] { "/", "/settings/branding", "/dashboard", "/settings" })
        {
            var (_, page) = await client.GetPageAsync(path);
            var references = page.QuerySelectorAll("[src*='/branding/'], [href*='/branding/'], [data*='/branding/']").ToList();
            Assert.All(references, element => Assert.True(
                element is IHtmlImageElement || element is IHtmlLinkElement { Relation: "icon" },
                $"{path}: {element.OuterHtml}"));
            Assert.Empty(page.QuerySelectorAll("object, embed, iframe"));
        }
    }

    [Fact]
    public async Task EncodeEveryPieceOfTenantText()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SignedInAsync(org, owner);
        var fields = Fields("<script>alert('name')</script>", "#1D4ED8", "#0F766E");
        fields["Form.FooterText"] = "<img src=x onerror=alert('footer')>";
        var response = await client.PostMultipartAsync("/settings/branding", fields, new Dictionary<string, (string, byte[])>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        foreach (var path in new[] { "/", "/settings/branding", "/account/forgot-password", "/no-such-page" })
        {
            var html = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.Contains("&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;", html);
        }

        var favicon = await (await client.GetAsync("/favicon.svg")).Content.ReadAsStringAsync();
        System.Xml.Linq.XDocument.Parse(favicon); // still an SVG: the name did not break out
        Assert.DoesNotContain("<script", favicon);
    }

    [Fact]
    public async Task RemoveTheLogoAndGoBackToTheRenderedFavicon()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = await SignedInAsync(org, owner);
        await client.PostMultipartAsync("/settings/branding", Fields(null, "#1D4ED8", "#0F766E"), new Dictionary<string, (string, byte[])>
        {
            ["Form.Logo"] = ("logo.png", TestImages.Png),
            ["Form.Favicon"] = ("favicon.png", TestImages.Png),
        });
        var fields = Fields(null, "#1D4ED8", "#0F766E");
        fields["Form.RemoveLogo"] = "true";
        fields["Form.RemoveFavicon"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostMultipartAsync("/settings/branding", fields, new Dictionary<string, (string, byte[])>())).StatusCode);

        var (_, home) = await client.GetPageAsync("/");
        Assert.Null(home.QuerySelector("header .brand img"));
        Assert.Equal("/favicon.svg", home.QuerySelector("link[rel=icon]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/branding/logo")).StatusCode);
        Assert.Equal(0, await World.InTenantAsync(org, db => db.BrandAssets.CountAsync()));
    }

    [Fact]
    public async Task ShowAResellersClientItsBrandingReadOnlyAndChangeNothingOnPost()
    {
        var reseller = await World.CreateOrganizationAsync("Partner Ltd", OrganizationKind.Partner);
        var org = await World.CreateOrganizationAsync("Managed Client", reseller: reseller);
        var admin = await World.CreateUserAsync();
        await World.AddMemberAsync(org, admin, OrganizationRole.Owner);
        using var client = await SignedInAsync(org, admin);

        var (response, page) = await client.GetPageAsync("/settings/branding");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Partner Ltd manages the branding", page.QuerySelector("main")!.TextContent.Replace("Your partner ", string.Empty));
        Assert.Null(page.QuerySelector("main form"));
        Assert.Null(page.QuerySelector("input[type=file]"));

        // A hand-made post (the token taken from another page) is refused too.
        var post = await client.PostMultipartAsync("/settings", Fields("Hijacked", "#000000", "#000000"),
            new Dictionary<string, (string, byte[])> { ["Form.Logo"] = ("logo.png", TestImages.Png) }, action: "/settings/branding");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("nothing was changed", await post.Content.ReadAsStringAsync());
        var saved = await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id));
        Assert.Null(saved.Branding.ProductName);
        Assert.Null(saved.Branding.LogoVersion);

        var theme = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Theme"] = "bold" }, action: "/settings/theme");
        Assert.Equal(HttpStatusCode.Forbidden, theme.StatusCode);
        Assert.Null((await World.GlobalAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id))).Branding.Theme);
    }

    private async Task<PortalClient> SignedInAsync(TestOrganization org, PortalUser user)
    {
        var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(user.Email!);
        return client;
    }

    private static Dictionary<string, string> Fields(string? productName, string primary, string accent) => new()
    {
        ["Form.ProductName"] = productName ?? string.Empty,
        ["Form.PrimaryColor"] = primary,
        ["Form.AccentColor"] = accent,
        ["Form.FooterText"] = "Harbour Street 12",
        ["Form.SupportEmail"] = "help@harbour.test",
        ["Form.SupportUrl"] = "https://help.harbour.test/",
        ["Form.SupportPhone"] = "+1 555 0142",
    };
}
