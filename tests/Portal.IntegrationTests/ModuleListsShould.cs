using System.Net;
using AngleSharp.Html.Dom;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests;

/// <summary>
/// DESIGN "Modules": a host with no feature module, and one with each module alone, starts and
/// serves every page of the host without errors; removing a module removes its links and pages
/// and nothing else. Each case is its own host on its own database.
/// </summary>
public sealed class ModuleListsShould
{
    /// <summary>The host's own pages, for an organization's owner and for a platform admin.</summary>
    private static readonly string[] OrganizationPages =
        ["/", "/dashboard", "/settings", "/settings/members", "/settings/invitations", "/settings/workspaces", "/settings/branding", "/settings/theme", "/settings/domains", "/settings/plan", "/settings/email", "/settings/audit", "/settings/access", "/workspaces", "/account/sessions", "/account/password"];

    private static readonly string[] PlatformPages = ["/", "/platform/organizations", "/platform/plans", "/platform/modules", "/platform/jobs", "/platform/organizations/create", "/platform/audit"];

    public static TheoryData<string> ModuleLists => new() { string.Empty, "Solutions", "Resellers", "ConsultantSeats", "Solutions,Resellers,ConsultantSeats" };

    [Theory]
    [MemberData(nameof(ModuleLists))]
    public async Task ServeEveryHostPageWithTheModulesInstalledAndNoOthers(string installed)
    {
        using var factory = new ModuleListFactory(installed);
        var world = new TestWorld(factory);
        _ = factory.Services;
        factory.Logs.Clear();
        var modules = installed.Split(',', StringSplitOptions.RemoveEmptyEntries);

        var partner = await world.CreateOrganizationAsync("Listed Partner", OrganizationKind.Partner);
        var owner = await world.CreateUserAsync();
        await world.AddMemberAsync(partner, owner, OrganizationRole.Owner);
        using var client = factory.ClientFor(partner.Host);
        var (signInPage, _) = await client.GetPageAsync("/account/signin");
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        await client.SignInAsync(owner.Email!);

        foreach (var path in OrganizationPages)
        {
            var (response, page) = await client.GetPageAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} with [{installed}]");
            AssertModuleLinks(page, modules, path);
        }

        // A module's own pages are there exactly when it is installed.
        Assert.Equal(modules.Contains("Solutions") ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync("/solutions")).StatusCode);
        Assert.Equal(modules.Contains("Resellers") ? HttpStatusCode.OK : HttpStatusCode.NotFound, (await client.GetAsync("/clients")).StatusCode);
        // "Who can see my data" is the host's; each module adds its section.
        var (access, accessPage) = await client.GetPageAsync("/settings/access");
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        Assert.Equal(modules.Contains("Resellers"), accessPage.QuerySelector("#policy-title") is not null);

        var (home, homePage) = await client.GetPageAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.NotNull(homePage.QuerySelector("#home-plan"));
        Assert.Equal(modules.Contains("Solutions"), homePage.QuerySelector("#home-apps") is not null);

        var admin = await world.CreateUserAsync(platformAdmin: true);
        using var platform = factory.ClientFor(PortalFactory.PlatformDomain);
        await platform.SignInAsync(admin.Email!);
        foreach (var path in PlatformPages)
        {
            var response = await platform.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode} with [{installed}]");
        }

        // Removing a module removes its jobs: the jobs page lists the kernel's and the installed modules' only.
        var (_, jobs) = await platform.GetPageAsync("/platform/jobs");
        var jobNames = jobs.QuerySelectorAll("[data-job]").Select(j => j.GetAttribute("data-job")!).ToList();
        Assert.Contains("mail-outbox", jobNames);
        Assert.Equal(modules.Contains("Solutions"), jobNames.Contains("solutions-rules"));
        Assert.Equal(modules.Contains("Resellers"), jobNames.Contains("resellers-client-purge"));

        // The switches list the installed modules and only those.
        var (_, defaults) = await platform.GetPageAsync("/platform/modules");
        Assert.Equal(modules.Order(), defaults.QuerySelectorAll("tr[data-module]").Select(r => r.GetAttribute("data-module")!).Order());
        var (detail, organization) = await platform.GetPageAsync($"/platform/organizations/{partner.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal(modules.Order(), organization.QuerySelectorAll("select[id^=module-]").Select(s => s.Id!["module-".Length..]).Order());

        Assert.True(factory.Logs.Errors.Count == 0, "Errors were logged:\n" + string.Join("\n", factory.Logs.Errors));
    }

    private static void AssertModuleLinks(IHtmlDocument page, string[] modules, string path)
    {
        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.True(modules.Contains("Solutions") == links.Contains("/solutions"), $"{path}: the Solutions link {(links.Contains("/solutions") ? "is there without" : "is missing with")} the module");
        Assert.True(modules.Contains("Resellers") == links.Contains("/clients"), $"{path}: the Clients link {(links.Contains("/clients") ? "is there without" : "is missing with")} the module");
        if (path.StartsWith("/settings", StringComparison.Ordinal))
        {
            Assert.True(modules.Contains("Resellers") == links.Contains("/settings/reseller"), $"{path}: the reseller settings entry does not follow the module");
        }
    }

    private sealed class ModuleListFactory(string installed) : PortalFactory(new Dictionary<string, string?> { ["Modules:Installed"] = installed });
}
