using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>P7: the recalculation earns an industry vertical when its four conditions hold, shows it on /program, and revokes it (and only what it earned) when they no longer do.</summary>
public sealed class SpecializationsShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    private static readonly ProgramSettings Program = new()
    {
        Metrics = [],
        Specializations =
        [
            new() { Name = "Healthcare", Kind = "Industry vertical", MinActiveClients = 2, MinSuccessfulEngagements = 1, MinRevenueShare = 0.35m, RequiredCertifications = ["HIPAA"], ExtraReferralCommission = 0.02m },
            new() { Name = "Public sector", Kind = "Industry vertical", MinActiveClients = 2, MinSuccessfulEngagements = 1, MinRevenueShare = 0.35m, RequiredCertifications = ["CMMC"] },
        ],
    };

    [Fact]
    public async Task EarnAVerticalOnRecalculationShowItAndLoseItWhenAClientsIndustryChanges()
    {
        await ProgramWorld.UseProgramAsync(Factory, Program);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Vertical Partners");
        var plan = await ProgramWorld.PlanAsync(World, 1000m, "USD");
        var clinic = await ProgramWorld.ClientAsync(World, "Clinic One", plan, partner);
        var hospital = await ProgramWorld.ClientAsync(World, "Hospital Two", plan, partner);
        var shop = await ProgramWorld.ClientAsync(World, "Shop Three", plan, partner);
        await SetIndustryAsync(clinic, "Healthcare");
        await SetIndustryAsync(hospital, "healthcare"); // the rule's name matches whatever the case
        await SetIndustryAsync(shop, "Retail and e-commerce");
        await World.InTenantAsync(partner, db =>
        {
            db.Add(new PartnerBadge { Name = "HIPAA", Kind = Badges.Certification, EarnedAt = DateTime.UtcNow });
            // Granted by hand although its rule does not hold: the recalculation never touches it.
            db.Add(new PartnerBadge { Name = "Public sector", Kind = "Industry vertical", EarnedAt = DateTime.UtcNow });
            db.Add(new CaseStudy
            {
                Customer = "Clinic One", Industry = "Healthcare", CompanySize = "50–200 employees", Need = "Patient intake", Solution = "Forms", Result = "Faster intake",
                Status = CaseStudyStatus.Approved, SubmittedAt = DateTime.UtcNow,
            });
            return db.SaveChangesAsync();
        });

        await ProgramWorld.RecalculateAsync(Factory);

        var earned = Assert.Single(await ActiveAsync(partner), b => b.Name == "Healthcare");
        Assert.True(earned.AutoEarned);
        Assert.Equal("Industry vertical", earned.Kind);
        var ledger = await ProgramWorld.LedgerAsync(World, partner);
        Assert.Equal(Program.PointsPerBadge, Assert.Single(ledger, e => e.Source == PointSource.Badge && e.ReferenceId == earned.Id).Points);
        Assert.Single(await AuditAsync(partner, "program.specialization_earned"));

        using var browser = await ProgramWorld.SignedInAsync(Factory, partner.Host, owner);
        var (_, page) = await browser.GetPageAsync("/program");
        Assert.Contains("Healthcare (Industry vertical, earned automatically", page.QuerySelector("#badges")!.TextContent);
        var conditions = page.QuerySelectorAll("#specializations li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("Healthcare: 2 of 2 active clients, 1 of 1 case studies, 67 % of 35 % revenue, all certifications held — conditions met", conditions);
        Assert.Contains("Public sector: 0 of 2 active clients, 0 of 1 case studies, 0 % of 35 % revenue, missing CMMC certification — not yet", conditions);

        // Nothing changed: the second run writes nothing.
        Assert.Equal(0, (await ProgramWorld.RecalculateAsync(Factory)).RowsWritten);

        // The hospital turns out to be a school: one healthcare client of two is not enough any more.
        await SetIndustryAsync(hospital, "Education");
        await ProgramWorld.RecalculateAsync(Factory);

        var active = await ActiveAsync(partner);
        Assert.DoesNotContain(active, b => b.Name == "Healthcare");
        Assert.Contains(active, b => b.Name == "Public sector" && !b.AutoEarned);
        Assert.Contains(active, b => b.Name == "HIPAA");
        Assert.Single(await AuditAsync(partner, "program.specialization_revoked"));
        Assert.Equal(0m, Assert.Single(await ProgramWorld.LedgerAsync(World, partner), e => e.ReferenceId == earned.Id).Points);
        (_, page) = await browser.GetPageAsync("/program");
        Assert.Contains("Healthcare: 1 of 2 active clients", page.QuerySelector("#specializations")!.TextContent);
        Assert.DoesNotContain("Healthcare (", page.QuerySelector("#badges")!.TextContent);
    }

    private Task SetIndustryAsync(TestOrganization organization, string industry) =>
        World.GlobalAsync(db => db.Organizations.Where(o => o.Id == organization.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Industry, industry)));

    private Task<List<PartnerBadge>> ActiveAsync(TestOrganization partner) =>
        World.InTenantAsync(partner, db => db.Set<PartnerBadge>().AsNoTracking().Where(b => b.RevokedAt == null).ToListAsync());

    private Task<List<string>> AuditAsync(TestOrganization partner, string action) =>
        World.InTenantAsync(partner, db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action).Select(a => a.Detail ?? "").ToListAsync());
}
