using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>S4: solutions are archived (hidden, kept, restorable) or deleted (name typed, restorable through the grace period, then purged); the list filters by tag.</summary>
public sealed class SolutionRemovalShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    private async Task<(TestOrganization Org, PortalClient Client, Guid Solution)> SolutionWithRecordsAsync(int records = 2)
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var solution = await SolutionWorld.CreateSolutionAsync(Factory, org);
        var client = await SolutionWorld.SignedInAsync(Factory, org, owner);
        for (var i = 0; i < records; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"/solutions/{solution}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = $"Patient {i}" })).StatusCode);
        }

        return (org, client, solution);
    }

    private static string ListText(AngleSharp.Html.Dom.IHtmlDocument page) => string.Join(" | ", page.QuerySelectorAll("main section ul.solutions a").Select(a => a.TextContent));

    [Fact]
    public async Task HideAnArchivedSolutionFromTheListAndKeepItsRecords()
    {
        var (org, client, solution) = await SolutionWithRecordsAsync();
        var archived = await client.PostFormAsync($"/solutions/{solution}/manage", new Dictionary<string, string> { ["archive"] = "true" }, $"/solutions/{solution}/manage?handler=Archive");
        Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        var (_, list) = await client.GetPageAsync("/solutions");
        Assert.DoesNotContain("Clinic", ListText(list));
        Assert.Contains("Clinic", list.QuerySelector("#archived")!.TextContent);
        Assert.Equal(2, await SolutionWorld.RecordCountAsync(World, org));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{solution}")).StatusCode);

        await client.PostFormAsync($"/solutions/{solution}/manage", new Dictionary<string, string> { ["archive"] = "false" }, $"/solutions/{solution}/manage?handler=Archive");
        Assert.Contains("Clinic", ListText((await client.GetPageAsync("/solutions")).Document));
        Assert.True(await World.InTenantAsync(org, db => db.AuditEntries.AnyAsync(a => a.Action == "solution.archived")));
    }

    [Fact]
    public async Task DeleteOnlyWhenTheNameIsTypedAndRestoreDuringTheGracePeriod()
    {
        var (org, client, solution) = await SolutionWithRecordsAsync();
        var wrong = await client.PostFormAsync($"/solutions/{solution}/manage", new Dictionary<string, string> { ["confirmName"] = "clinic" }, $"/solutions/{solution}/manage?handler=Delete");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Type the solution's name, Clinic, exactly", (await PortalClient.ParseAsync(wrong)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Null(await World.InTenantAsync(org, db => db.Set<Solution>().Select(s => s.DeletedAt).SingleAsync()));

        var deleted = await client.PostFormAsync($"/solutions/{solution}/manage", new Dictionary<string, string> { ["confirmName"] = "Clinic" }, $"/solutions/{solution}/manage?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{solution}")).StatusCode);
        Assert.DoesNotContain("Clinic", ListText((await client.GetPageAsync("/solutions")).Document));
        Assert.Equal(2, await SolutionWorld.RecordCountAsync(World, org));

        // Another organization's admin cannot restore it by its id.
        var (other, otherOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        using (var elsewhere = await SolutionWorld.SignedInAsync(Factory, other, otherOwner))
        {
            Assert.DoesNotContain("Clinic", (await elsewhere.GetPageAsync("/solutions/deleted")).Document.QuerySelector("main")!.TextContent);
            var forged = await elsewhere.PostFormAsync("/solutions/deleted", new Dictionary<string, string> { ["solutionId"] = solution.ToString() }, "/solutions/deleted?handler=Restore");
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        Assert.Contains("Clinic", (await client.GetPageAsync("/solutions/deleted")).Document.QuerySelector("main")!.TextContent);
        var restored = await client.PostFormAsync("/solutions/deleted", new Dictionary<string, string> { ["solutionId"] = solution.ToString() }, "/solutions/deleted?handler=Restore");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/solutions/{solution}")).StatusCode);
        Assert.Equal(["solution.deleted", "solution.restored"], await World.InTenantAsync(org, db => db.AuditEntries.Where(a => a.Action.StartsWith("solution.de") || a.Action == "solution.restored").OrderBy(a => a.At).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task PurgeADeletedSolutionWithItsRecordsOnlyAfterTheGracePeriod()
    {
        var (org, client, solution) = await SolutionWithRecordsAsync(records: 3);
        var kept = await SolutionWorld.CreateSolutionAsync(Factory, org);
        await client.PostFormAsync($"/solutions/{solution}/manage", new Dictionary<string, string> { ["confirmName"] = "Clinic" }, $"/solutions/{solution}/manage?handler=Delete");

        Assert.Equal(0, await PurgeDueAsync(DateTime.UtcNow.AddDays(29)));
        Assert.Equal(3, await SolutionWorld.RecordCountAsync(World, org));
        Assert.Equal(1, await PurgeDueAsync(DateTime.UtcNow.AddDays(31)));
        Assert.Equal(0, await SolutionWorld.RecordCountAsync(World, org));
        Assert.Equal(0, await World.InTenantAsync(org, db => db.Set<RecordCounter>().Select(c => c.Count).SingleAsync()));
        Assert.Equal([kept], await World.InTenantAsync(org, db => db.Set<Solution>().Select(s => s.Id).ToListAsync()));
        Assert.Equal(0, await PurgeDueAsync(DateTime.UtcNow.AddDays(60))); // safe to run twice
    }

    [Fact]
    public async Task FilterTheListByTag()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package("Contoso intake").Replace("\"name\": \"Contoso intake\"", "\"name\": \"Contoso intake\", \"tags\": [\"contoso\"]", StringComparison.Ordinal));
        await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package("Fabrikam classes").Replace("\"name\": \"Fabrikam classes\"", "\"name\": \"Fabrikam classes\", \"tags\": [\"fabrikam\"]", StringComparison.Ordinal));
        using var client = await SolutionWorld.SignedInAsync(Factory, org, owner);

        var (_, all) = await client.GetPageAsync("/solutions");
        Assert.Equal("Contoso intake | Fabrikam classes", ListText(all));
        Assert.Equal(["All", "contoso", "fabrikam"], all.QuerySelectorAll("nav[aria-label=Tags] a").Select(a => a.TextContent));
        var (_, tagged) = await client.GetPageAsync("/solutions?tag=Fabrikam");
        Assert.Equal("Fabrikam classes", ListText(tagged));
        Assert.Equal("fabrikam", tagged.QuerySelector("nav[aria-label=Tags] a[aria-current=page]")!.TextContent);
        Assert.Equal(string.Empty, ListText((await client.GetPageAsync("/solutions?tag=nobody")).Document));
    }

    private async Task<int> PurgeDueAsync(DateTime now)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SolutionPurge>().PurgeDueAsync(now);
    }
}
