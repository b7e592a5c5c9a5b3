using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// Issue 14, "Nothing is lost that the browser still holds": a refused form is never re-sent for
/// the person, but the form they go back to can fetch a fresh token from its own host and then works.
/// </summary>
public sealed class ExpiredFormsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task OfferTheWayBackAndAFreshTokenButNeverReSendTheForm()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        var (_, form) = await client.GetPageAsync("/settings/workspaces");
        var staleToken = form.QuerySelector<IHtmlInputElement>("main form[action*='handler=Create'] input[name=__RequestVerificationToken]")!.Value;
        Assert.Single(form.QuerySelectorAll("script[src='/account/form-token.js']"));

        // The cookie half of the token is gone (a long pause, cleared cookies): the form is refused and nothing is created.
        foreach (System.Net.Cookie cookie in client.Jar.GetCookies(new Uri($"http://{org.Host}/")))
            if (cookie.Name == ".portal.antiforgery") cookie.Expired = true;
        var refused = await client.Http.PostAsync("/settings/workspaces?handler=Create", Form(("name", "Night shift"), ("__RequestVerificationToken", staleToken)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        Assert.Equal("This form has expired", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("/settings/workspaces", page.QuerySelector("main a#form-back")!.GetAttribute("href"));
        // Nothing on the page can send the refused entries again: that would carry out another site's forged post in one click.
        Assert.Empty(page.QuerySelectorAll("main form"));
        Assert.DoesNotContain("Night shift", page.DocumentElement.OuterHtml);

        // The form shown again asks its host for a fresh token (same origin only) and is accepted.
        var fresh = await client.GetAsync("/account/form-token");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("no-store", fresh.Headers.CacheControl?.ToString());
        Assert.Equal("application/json", fresh.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nosniff", fresh.Headers.GetValues("X-Content-Type-Options"));
        Assert.False(fresh.Headers.Contains("Access-Control-Allow-Origin"));
        var token = JsonDocument.Parse(await fresh.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString()!;
        var sent = await client.Http.PostAsync("/settings/workspaces?handler=Create", Form(("name", "Night shift"), ("__RequestVerificationToken", token)));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, list) = await client.GetPageAsync(sent.Headers.Location!.OriginalString);
        Assert.NotNull(list.QuerySelector("tr[data-workspace='Night shift']"));

        var script = await client.GetAsync("/account/form-token.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("pageshow", await script.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
