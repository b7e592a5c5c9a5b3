using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>R13, R15 (issue 14's bug): whoever accepts a team invitation joins with exactly the partner role chosen on /team.</summary>
public sealed class TeamInvitationShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Theory]
    [InlineData("PartnerEmployee", OrganizationRole.Member, false, "member")] // enters assigned clients
    [InlineData("SupportSpecialist", OrganizationRole.Member, true, "support specialist")] // was joining as a plain employee, seeing prices
    [InlineData("PartnerAdmin", OrganizationRole.Admin, false, "admin")] // every client, the team and prices
    public async Task JoinWithTheChosenRole(string chosen, OrganizationRole role, bool supportSpecialist, string mailedRole)
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var admin = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var invitee = $"{TestWorld.UniqueSlug("joins")}@northwind.test";

        var sent = await admin.PostFormAsync("/team", new Dictionary<string, string> { ["email"] = invitee, ["role"] = chosen }, action: "/team?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = await Factory.Smtp.WaitForMessageAsync(invitee);
        Assert.Contains($"as {mailedRole}.", mail.TextBody);

        using var joining = Factory.ClientFor(world.Reseller.Host);
        var link = new Uri(MailShould.LinkIn(mail, "/account/accept-invitation"));
        var accepted = await joining.PostFormAsync(link.PathAndQuery, new Dictionary<string, string> { ["DisplayName"] = "New Person", ["Password"] = "Brand-new-pass-1" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        var membership = await World.InTenantAsync(world.Reseller, db => db.Memberships.AsNoTracking().SingleAsync(m => m.User!.Email == invitee));
        Assert.Equal(role, membership.Role);
        Assert.Equal(supportSpecialist, membership.SupportSpecialist);
    }
}
