using System.Net;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// Deals, case studies and disputes are a partner's own: clients and the platform host have no
/// such pages, signed-out visitors are sent to sign in, and the review pages are the platform
/// admins' alone (the isolation matrix checks every audience; this names the program's pages).
/// </summary>
public sealed class ProgramWorkIsolationShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    public static TheoryData<string> PartnerPages => new() { "/program/deals", "/program/case-studies", "/program/disputes" };

    public static TheoryData<string> ReviewPages => new() { "/platform/program/deals", "/platform/program/case-studies", "/platform/program/disputes" };

    [Theory]
    [MemberData(nameof(PartnerPages))]
    public async Task OpenAPartnersPagesToItsMembersOnly(string path)
    {
        var world = await ReviewWorld.CreateAsync(World);
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(path)).StatusCode);

        using var client = await ReviewWorld.SignedInAsync(Factory, world.Client.Host, world.ClientOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        using var platform = await world.PlatformAsync(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync(path)).StatusCode);
        using var anonymous = Factory.ClientFor(world.Partner.Host);
        var signedOut = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("/account/signin", signedOut.Headers.Location!.OriginalString);
        // Another partner's owner cannot sign in here at all; someone whose membership ended after signing in gets 403.
        await FormerMembers.RefusedSignInAsync(Factory, world.Partner.Host, world.OtherOwner);
        using var outsider = await FormerMembers.SignedInAsync(Factory, World, world.Partner);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(path)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(ReviewPages))]
    public async Task OpenTheReviewPagesToPlatformAdminsOnly(string path)
    {
        var world = await ReviewWorld.CreateAsync(World);
        using var platform = await world.PlatformAsync(Factory);
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync(path)).StatusCode);
        using var owner = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Owner);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(path)).StatusCode);
        var partnerAdminOnPlatform = Factory.ClientFor(PortalFactory.PlatformDomain);
        Assert.Equal(HttpStatusCode.Redirect, (await partnerAdminOnPlatform.GetAsync(path)).StatusCode);
        partnerAdminOnPlatform.Dispose();
    }
}
