using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Solutions;

/// <summary>The theme's navigation lists every installed module's links for members (Solutions → /solutions), in every theme.</summary>
public sealed class ModuleNavigationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    [Theory]
    [InlineData("default")]
    [InlineData("ledger")]
    [InlineData("bold")]
    public async Task LinkSolutionsForAMemberOfTheOrganization(string theme)
    {
        var org = await World.CreateOrganizationAsync(configure: o => o.Branding.Theme = theme);
        var member = await World.CreateUserAsync();
        await World.AddMemberAsync(org, member, OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(member.Email!);
        var (_, page) = await client.GetPageAsync("/dashboard");
        var link = Assert.Single(page.QuerySelectorAll("nav[aria-label=Main] a"), a => a.TextContent == "Solutions");
        Assert.Equal("/solutions", link.GetAttribute("href"));
    }

    [Fact]
    public async Task NotLinkModulesForSignedOutVisitorsOrPeopleWithoutMembership()
    {
        var org = await World.CreateOrganizationAsync();
        using var signedOut = Factory.ClientFor(org.Host);
        var (_, signIn) = await signedOut.GetPageAsync("/account/signin");
        Assert.DoesNotContain(signIn.QuerySelectorAll("nav[aria-label=Main] a"), a => a.GetAttribute("href") == "/solutions");

        var outsider = await World.CreateUserAsync();
        await World.AddMemberAsync(org, outsider, OrganizationRole.Member);
        using var client = Factory.ClientFor(org.Host);
        await client.SignInAsync(outsider.Email!);
        await World.EndMembershipAsync(org, outsider); // signed in, no longer a member (sign-in is refused to outsiders)
        var (_, page) = await client.GetPageAsync("/account/signin");
        Assert.DoesNotContain(page.QuerySelectorAll("nav[aria-label=Main] a"), a => a.GetAttribute("href") == "/solutions");
    }
}
