using System.Net;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.IntegrationTests.Solutions;

namespace PartnerPortal.IntegrationTests;

/// <summary>Issue 14, "Plain words": no identifier, operator, type name, JSON path or audit key reaches a person.</summary>
public sealed class PlainWordsShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task NameTheFieldAsThePageLabelsItWhenAValueCannotBeRead()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        await platform.SignInAsync(admin.Email!);

        var response = await platform.PostFormAsync("/platform/plans/edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "Odd", ["Input.Code"] = TestWorld.UniqueSlug("odd"), ["Input.MonthlyListPrice"] = "12,5abc", ["Input.Currency"] = "EUR", ["Input.SortOrder"] = "9",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await PortalClient.ParseAsync(response)).QuerySelector("#price-error")!.TextContent;
        Assert.Equal("“12,5abc” is not valid for Monthly list price.", error);
    }

    [Fact]
    public async Task SayAnExpiredFormExpiredInTheOrganizationsBrandingAndOfferItAgain()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Expiring Forms Co");
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);

        // What a browser sends when the page was open past its token (or the user signed in elsewhere).
        var response = await client.Http.PostAsync("/settings/members?handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string> { ["membershipId"] = Guid.NewGuid().ToString(), ["__RequestVerificationToken"] = "expired" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Equal("This form has expired", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("/settings/members", page.QuerySelector("main a[href='/settings/members']")?.GetAttribute("href"));
        Assert.DoesNotContain("on our side", page.Body!.TextContent);
        Assert.Contains("Expiring Forms Co", page.Title);
    }

    [Fact]
    public async Task ShowAuditActionsInWords()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);

        var (_, page) = await client.GetPageAsync("/settings/audit");

        var actions = page.QuerySelectorAll("tbody tr td:nth-child(2)").Select(c => c.TextContent).ToList();
        Assert.Contains("Signed in", actions);
        Assert.DoesNotContain(actions, a => a.Contains('.') || a.Contains('_'));
    }

    [Fact]
    public async Task OfferFieldTypesOperatorsAndTriggersByTheirLabels()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var rule = """{ "key": "hello", "name": "Hello", "table": "patients", "trigger": "createdOrChanged", "when": { "field": "status", "equals": "Booked" }, "action": { "type": "email", "toField": "email", "subject": "Hi", "body": "Hi" } }""";
        var solutionId = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package(rulesJson: rule));
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);

        var (_, builder) = await client.GetPageAsync($"/solutions/{solutionId}/builder");
        var (_, records) = await client.GetPageAsync($"/solutions/{solutionId}/tables/patients");

        var typeOptions = builder.QuerySelectorAll("select[name=type] option").Select(o => o.TextContent).ToList();
        Assert.Contains("Long text", typeOptions);
        Assert.Contains("Date and time", typeOptions);
        Assert.Contains("longText", builder.QuerySelectorAll("select[name=type] option").Select(o => o.GetAttribute("value"))); // the form still sends the format's name
        Assert.Contains("is greater than", builder.QuerySelectorAll("select[name=filterOp] option").Select(o => o.TextContent));
        Assert.Contains("is not empty", records.QuerySelectorAll("#filterOp option").Select(o => o.TextContent));
        Assert.Contains("created or changed", builder.QuerySelectorAll("#ar-trigger option").Select(o => o.TextContent));
        Assert.Contains("Hello: When a record of Patients is created or changed and Status is Booked, e-mail the address in E-mail.",
            builder.QuerySelectorAll("section[aria-labelledby=rules] li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).Select(t => t.Replace(" Remove rule Hello", string.Empty)));
        // The builder's package JSON editor shows the file format itself, on purpose; everything else speaks plainly.
        builder.QuerySelector("textarea#json")!.Remove();
        var text = builder.Body!.TextContent + records.Body!.TextContent;
        foreach (var word in new[] { "greaterThan", "isNotEmpty", "createdOrChanged", "dateTime" }) Assert.DoesNotContain(word, text);
    }
}
