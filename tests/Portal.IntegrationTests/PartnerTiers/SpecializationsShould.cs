using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// P7: the recalculation earns an industry vertical or a product line when its four conditions
/// hold, shows it on /program, and revokes it (and only what it earned) when they no longer do. A
/// product line is the one a platform admin sets on plans; case studies name it.
/// </summary>
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

    [Fact]
    public async Task EarnAProductLineFromClientsOnItsPlansAndCaseStudiesNamingIt()
    {
        // Plans are global: a product line of this test's own, so no other test's partner counts it.
        var line = $"Digital assets {TestWorld.UniqueSlug("line")}";
        await ProgramWorld.UseProgramAsync(Factory, new ProgramSettings
        {
            Metrics = [],
            Specializations = [new() { Name = line, Kind = "Product line", MinActiveClients = 2, MinSuccessfulEngagements = 1, MinRevenueShare = 0.35m, RequiredCertifications = ["Product certification"] }],
        });
        var world = await ReviewWorld.CreateAsync(World, "Product Line Partners");
        using var platform = await world.PlatformAsync(Factory);
        var code = TestWorld.UniqueSlug("assets");
        var saved = await platform.PostFormAsync("/platform/plans/edit", new Dictionary<string, string>
        {
            ["Input.Name"] = "Digital assets", ["Input.Code"] = code, ["Input.MonthlyListPrice"] = "500", ["Input.Currency"] = "USD",
            ["Input.ProductLine"] = $"  {line} ", ["Input.WhiteLabel"] = "true", ["Input.SortOrder"] = "60",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var assets = await World.GlobalAsync(db => db.Plans.AsNoTracking().SingleAsync(p => p.Code == code));
        Assert.Equal(line, assets.ProductLine);
        var (_, plans) = await platform.GetPageAsync("/platform/plans");
        Assert.Contains(line, plans.QuerySelector($"tr[data-code='{code}']")!.TextContent);

        var core = await ProgramWorld.PlanAsync(World, 500m, "USD");
        await ProgramWorld.ClientAsync(World, "Gallery One", assets.Id, world.Partner);
        await ProgramWorld.ClientAsync(World, "Gallery Two", assets.Id, world.Partner);
        await ProgramWorld.ClientAsync(World, "Bakery Three", core, world.Partner);
        await World.InTenantAsync(world.Partner, db =>
        {
            db.Add(new PartnerBadge { Name = "Product certification", Kind = Badges.Certification, EarnedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        // The case study names the product line from the plans' list; a line no plan sells is refused and saves nothing.
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        var (_, form) = await member.GetPageAsync("/program/case-studies");
        Assert.Contains(form.QuerySelectorAll("#study-product-line option"), o => o.TextContent == line);
        var study = new Dictionary<string, string>
        {
            ["Study.Customer"] = "Gallery One", ["Study.Industry"] = "Retail and e-commerce", ["Study.ProductLine"] = "Digital asets",
            ["Study.CompanySize"] = "10–50 employees", ["Study.Need"] = "Thousands of product photos.", ["Study.Solution"] = "One asset library.", ["Study.Result"] = "Launches a week sooner.",
        };
        var typo = await member.PostFormAsync("/program/case-studies", study, "/program/case-studies?handler=Submit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typo.StatusCode);
        Assert.Contains("the platform sells no product line called Digital asets", await typo.Content.ReadAsStringAsync());
        Assert.Empty(await World.InTenantAsync(world.Partner, db => db.Set<CaseStudy>().AsNoTracking().ToListAsync()));
        study["Study.ProductLine"] = line;
        await member.PostFormAsync("/program/case-studies", study, "/program/case-studies?handler=Submit");
        var submitted = await World.InTenantAsync(world.Partner, db => db.Set<CaseStudy>().AsNoTracking().SingleAsync());
        Assert.Equal(line, submitted.ProductLine);
        await platform.PostFormAsync("/platform/program/case-studies", new Dictionary<string, string> { ["caseStudyId"] = submitted.Id.ToString(), ["note"] = "" }, "/platform/program/case-studies?handler=Approve");

        await ProgramWorld.RecalculateAsync(Factory);

        var earned = Assert.Single(await ActiveAsync(world.Partner), b => b.Name == line);
        Assert.Equal(("Product line", true), (earned.Kind, earned.AutoEarned));
        using var owner = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Owner);
        var (_, program) = await owner.GetPageAsync("/program");
        Assert.Contains($"{line}: 2 of 2 active clients, 1 of 1 case studies, 67 % of 35 % revenue, all certifications held — conditions met",
            program.QuerySelectorAll("#specializations li").Select(li => li.TextContent.Trim()));

        // A platform admin sees the badge was earned, and is told a revocation lasts only until the next recalculation.
        var (_, badges) = await platform.GetPageAsync("/platform/program/badges");
        Assert.Contains(badges.QuerySelectorAll("#badges tbody tr"), r => r.TextContent.Contains(line) && r.TextContent.Contains("Product line, earned automatically"));
        var revoked = await platform.PostFormAsync("/platform/program/badges", new Dictionary<string, string> { ["badgeId"] = earned.Id.ToString() }, "/platform/program/badges?handler=Revoke");
        Assert.Contains("the next recalculation gives it back while its conditions hold", await ReviewWorld.NoticeAfterAsync(platform, revoked));
        await ProgramWorld.RecalculateAsync(Factory);
        Assert.Single(await ActiveAsync(world.Partner), b => b.Name == line && b.AutoEarned);

        // The platform moves the plan back to the core product: the clients no longer count, and the badge goes.
        await World.GlobalAsync(db => db.Plans.Where(p => p.Id == assets.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ProductLine, (string?)null)));
        await ProgramWorld.RecalculateAsync(Factory);
        Assert.DoesNotContain(await ActiveAsync(world.Partner), b => b.Name == line);
    }

    private Task SetIndustryAsync(TestOrganization organization, string industry) =>
        World.GlobalAsync(db => db.Organizations.Where(o => o.Id == organization.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Industry, industry)));

    private Task<List<PartnerBadge>> ActiveAsync(TestOrganization partner) =>
        World.InTenantAsync(partner, db => db.Set<PartnerBadge>().AsNoTracking().Where(b => b.RevokedAt == null).ToListAsync());

    private Task<List<string>> AuditAsync(TestOrganization partner, string action) =>
        World.InTenantAsync(partner, db => db.AuditEntries.AsNoTracking().Where(a => a.Action == action).Select(a => a.Detail ?? "").ToListAsync());
}
