using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.ConsultantSeats.Certification;
using PartnerPortal.ConsultantSeats.Demo;
using PartnerPortal.ConsultantSeats.Seats;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Web.Demo;

namespace PartnerPortal.IntegrationTests.ConsultantSeats;

/// <summary>The demo: Northwind's consultant is certified, has a sign-up link and holds a seat in Contoso's "General" workspace.</summary>
public sealed class SeatsDemoShould(DemoDataShould.DevelopmentFactory factory) : PortalTest<DemoDataShould.DevelopmentFactory>(factory)
{
    [Fact]
    public async Task CertifyNorthwindsConsultantAndSeatThemAtContoso()
    {
        Assert.Equal(DemoData.ConsultantEmail, SeatsDemo.ConsultantEmail);
        var consultantId = await World.GlobalAsync(db => db.Users.Where(u => u.Email == DemoData.ConsultantEmail).Select(u => u.Id).SingleAsync());
        var certification = await World.GlobalAsync(db => db.Set<ConsultantCertification>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(c => c.UserId == consultantId));
        Assert.Equal("northwind", await World.GlobalAsync(db => db.Organizations.Where(o => o.Id == certification.TenantId).Select(o => o.Slug).SingleAsync()));
        Assert.True(certification.IsActive(DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(11))));

        using var contoso = Factory.ClientFor("book.contoso-dental.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await contoso.SignInAsync(DemoData.ConsultantEmail, DemoData.Password)).StatusCode);
        var (home, page) = await contoso.GetPageAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("You build solutions in General", page.QuerySelector("#home-consultant-seat")!.ParentElement!.TextContent);

        using var northwind = Factory.ClientFor("northwind.portal.localhost");
        Assert.Equal(HttpStatusCode.Redirect, (await northwind.SignInAsync(DemoData.ConsultantEmail, DemoData.Password)).StatusCode);
        var (_, consulting) = await northwind.GetPageAsync("/consulting");
        var seat = Assert.Single(consulting.QuerySelectorAll("table.seats tbody tr"));
        Assert.Contains("Contoso Dental", seat.TextContent);
        Assert.Contains("Active", seat.QuerySelector(".state")!.TextContent);
        Assert.NotNull(consulting.QuerySelector("#sign-up-link"));
        Assert.Equal(SeatStatus.Active, (await World.GlobalAsync(db => db.Set<ConsultantSeat>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().SingleAsync(s => s.UserId == consultantId))).Status);
    }
}
