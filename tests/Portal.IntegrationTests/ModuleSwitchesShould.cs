using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// DESIGN "Modules": platform admins switch a module on or off per organization, with a default
/// per organization kind. Off, its pages and endpoints are not found on that organization's hosts
/// and its links leave the shell; other organizations keep it.
/// </summary>
public sealed class ModuleSwitchesShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Fact]
    public async Task SwitchAModuleOffForOneOrganizationAndBackToItsDefault()
    {
        var (mine, owner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Switched Co");
        var (theirs, theirOwner) = await World.OrganizationWithMemberAsync(OrganizationRole.Owner, "Unswitched Co");
        using var platform = await PlatformAdminAsync();

        var saved = await platform.PostFormAsync($"/platform/organizations/{mine.Id}", new Dictionary<string, string> { ["module[Solutions]"] = "off" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, detail) = await platform.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Solutions and recipes: off", detail.QuerySelector("[role=status]")!.TextContent);

        using var client = Factory.ClientFor(mine.Host);
        await client.SignInAsync(owner.Email!);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/solutions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/solutions/{Guid.NewGuid()}")).StatusCode);
        var (_, home) = await client.GetPageAsync("/dashboard");
        Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/solutions");
        Assert.Null(home.QuerySelector("#home-apps"));
        Assert.Contains("module.switched", await World.InTenantAsync(mine, db => db.AuditEntries.Select(a => a.Action).ToListAsync()));

        using var other = Factory.ClientFor(theirs.Host);
        await other.SignInAsync(theirOwner.Email!);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/solutions")).StatusCode);

        await platform.PostFormAsync($"/platform/organizations/{mine.Id}", new Dictionary<string, string> { ["module[Solutions]"] = "default" });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/solutions")).StatusCode);
        var (_, again) = await client.GetPageAsync("/dashboard");
        Assert.Contains(again.QuerySelectorAll("nav[aria-label=Main] a"), a => a.GetAttribute("href") == "/solutions");
    }

    [Fact]
    public async Task FollowTheDefaultOfTheOrganizationsKindUnlessItHasItsOwnChoice()
    {
        var partner = await World.CreateOrganizationAsync("Default Partner", OrganizationKind.Partner);
        var chosen = await World.CreateOrganizationAsync("Choosing Partner", OrganizationKind.Partner);
        var client = await World.CreateOrganizationAsync("Default Client");
        var partnerAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, partnerAdmin, OrganizationRole.Admin);
        var chosenAdmin = await World.CreateUserAsync();
        await World.AddMemberAsync(chosen, chosenAdmin, OrganizationRole.Admin);
        var clientOwner = await World.CreateUserAsync();
        await World.AddMemberAsync(client, clientOwner, OrganizationRole.Owner);
        using var platform = await PlatformAdminAsync();
        await platform.PostFormAsync($"/platform/organizations/{chosen.Id}", new Dictionary<string, string> { ["module[Resellers]"] = "on" });

        try
        {
            // Resellers off for partners by default; Solutions stays on for both kinds, Resellers for clients.
            Assert.Equal(HttpStatusCode.Redirect, (await SaveDefaultsAsync(platform, "Solutions:Client", "Solutions:Partner", "Resellers:Client")).StatusCode);

            using var off = Factory.ClientFor(partner.Host);
            Assert.Equal("/dashboard", (await off.SignInAsync(partnerAdmin.Email!)).Headers.Location!.OriginalString); // no client dashboard to land on
            Assert.Equal(HttpStatusCode.NotFound, (await off.GetAsync("/clients")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await off.GetAsync("/clients/export.csv")).StatusCode);
            var (_, home) = await off.GetPageAsync("/dashboard");
            Assert.DoesNotContain(home.QuerySelectorAll("a"), a => a.GetAttribute("href") is "/clients" or "/team");

            using var on = Factory.ClientFor(chosen.Host);
            Assert.Equal("/clients", (await on.SignInAsync(chosenAdmin.Email!)).Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await on.GetAsync("/clients")).StatusCode);

            using var owner = Factory.ClientFor(client.Host);
            await owner.SignInAsync(clientOwner.Email!);
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/settings/access")).StatusCode);
        }
        finally
        {
            await SaveDefaultsAsync(platform, "Solutions:Client", "Solutions:Partner", "Resellers:Client", "Resellers:Partner");
        }
    }

    /// <summary>Posts the defaults form with exactly these boxes ticked (a repeated field, which the dictionary helper cannot send).</summary>
    private static async Task<HttpResponseMessage> SaveDefaultsAsync(PortalClient platform, params string[] on)
    {
        var (_, page) = await platform.GetPageAsync("/platform/modules");
        var form = on.Select(value => new KeyValuePair<string, string>("on", value)).ToList();
        form.Add(new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        return await platform.Http.PostAsync("/platform/modules", new FormUrlEncodedContent(form));
    }

    private async Task<PortalClient> PlatformAdminAsync()
    {
        var admin = await World.CreateUserAsync(platformAdmin: true);
        var platform = Factory.ClientFor(PortalFactory.PlatformDomain);
        await platform.SignInAsync(admin.Email!);
        return platform;
    }
}
