using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Solutions;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>Automation rules run in the background and mail through the branded outbox to a real SMTP server.</summary>
public sealed class AutomationShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task MailTheRecordsAddressWhenARecordMatches()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Smile Clinic");
        var rule = """{ "key": "confirm", "name": "Confirm", "table": "patients", "trigger": "createdOrChanged", "when": { "field": "status", "equals": "Booked" }, "action": { "type": "email", "toField": "email", "subject": "Booked, {{ name }}", "body": "Dear {{ name }}, see you soon." } }""";
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package(rulesJson: rule));
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        await client.PostFormAsync($"/solutions/{id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Not booked", ["f.email"] = "nobody@people.test", ["f.status"] = "Done" });
        await client.PostFormAsync($"/solutions/{id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Ada", ["f.email"] = "ada@people.test", ["f.status"] = "Booked" });

        var message = await Factory.Smtp.WaitForMessageAsync("ada@people.test");
        Assert.Equal("Booked, Ada", message.Subject);
        Assert.Contains("Dear Ada, see you soon.", message.TextBody);
        Assert.Contains("Smile Clinic", message.HtmlBody);
        Assert.DoesNotContain(Factory.Smtp.Messages(), m => m.To.Mailboxes.Any(a => a.Address == "nobody@people.test"));
    }

    [Fact]
    public async Task ShowAFailingRuleOnTheSolutionPage()
    {
        var (org, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner);
        var rule = """{ "key": "typo", "name": "Typo", "table": "patients", "trigger": "created", "action": { "type": "email", "to": "desk@people.test", "subject": "New: {{ nmae }}", "body": "x" } }""";
        var id = await SolutionWorld.CreateSolutionAsync(Factory, org, SolutionWorld.Package(rulesJson: rule));
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(owner.Email!);
        await client.PostFormAsync($"/solutions/{id}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "Ada" });

        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? error = null;
        while (DateTime.UtcNow < deadline && error is null)
        {
            await Task.Delay(200);
            error = await World.InTenantAsync(org, db => db.Set<Solution>().Select(s => s.LastRuleError).SingleAsync());
        }

        Assert.NotNull(error);
        var (_, page) = await client.GetPageAsync($"/solutions/{id}");
        // The rule as the builder named it, never its key.
        var shown = page.QuerySelector(".rule-error")!.TextContent;
        Assert.Contains("Typo: The template failed", shown);
        Assert.DoesNotContain("typo:", shown);
        Assert.Contains("nmae", shown);
    }
}
