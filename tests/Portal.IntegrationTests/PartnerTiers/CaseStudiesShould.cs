using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.PartnerTiers.CaseStudies;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// P10: a partner submits case studies; platform admins approve them or send them back with a
/// note; the partner changes a sent-back one and submits it again. Audited, and every decision
/// e-mailed to the partner in its branding. Another partner's case study is not there (404).
/// </summary>
public sealed class CaseStudiesShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    private static Dictionary<string, string> Study(string customer, string result = "Bookings doubled in a quarter.") => new()
    {
        ["Study.Customer"] = customer,
        ["Study.Industry"] = "Healthcare",
        ["Study.CompanySize"] = "10–50 employees",
        ["Study.Need"] = "Appointments lived in spreadsheets.",
        ["Study.Solution"] = "One booking workspace with reminders.",
        ["Study.Result"] = result,
        ["Study.Testimonial"] = "They gave us our evenings back.",
    };

    [Fact]
    public async Task SendBackWithANoteThenApproveTheChangedStudy()
    {
        var world = await ReviewWorld.CreateAsync(World, "Case Study Partner");
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        var submitted = await member.PostFormAsync("/program/case-studies", Study("Contoso Dental"), "/program/case-studies?handler=Submit");
        Assert.Contains("is submitted and waits for the platform's review", await ReviewWorld.NoticeAfterAsync(member, submitted));
        var study = await World.InTenantAsync(world.Partner, db => db.Set<CaseStudy>().AsNoTracking().SingleAsync());
        Assert.Equal((CaseStudyStatus.Submitted, "10–50 employees", world.Member.Id), (study.Status, study.CompanySize, study.SubmittedByUserId));

        // Not sent back yet: nothing to change.
        var early = await member.PostFormAsync("/program/case-studies", Study("Contoso Dental", "Changed"), $"/program/case-studies?handler=Resubmit&edit={study.Id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);

        using var platform = await world.PlatformAsync(Factory);
        var noNote = await platform.PostFormAsync("/platform/program/case-studies", new Dictionary<string, string> { ["caseStudyId"] = study.Id.ToString(), ["note"] = "" }, "/platform/program/case-studies?handler=SendBack");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noNote.StatusCode);
        Assert.Contains("Say what the partner should change", await ReviewWorld.TextOfAsync(noNote, "#form-error"));
        var sentBack = await platform.PostFormAsync("/platform/program/case-studies", new Dictionary<string, string> { ["caseStudyId"] = study.Id.ToString(), ["note"] = "Give the result in numbers." }, "/platform/program/case-studies?handler=SendBack");
        Assert.Contains("is sent back", await ReviewWorld.NoticeAfterAsync(platform, sentBack));
        var mail = await Factory.Smtp.WaitForMessageAsync(world.Admin.Email!, m => m.Subject == "Your case study of Contoso Dental needs changes");
        Assert.Contains("Give the result in numbers.", mail.TextBody);
        Assert.Equal("Case Study Partner", mail.From.Mailboxes.Single().Name);

        var (_, list) = await member.GetPageAsync("/program/case-studies");
        Assert.Contains("Give the result in numbers.", list.QuerySelector("table.case-studies .status")!.TextContent);
        var (editPage, edit) = await member.GetPageAsync($"/program/case-studies?edit={study.Id}");
        Assert.Equal(HttpStatusCode.OK, editPage.StatusCode);
        Assert.Equal("Contoso Dental", edit.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#study-customer")!.Value);
        var resubmitted = await member.PostFormAsync($"/program/case-studies?edit={study.Id}", Study("Contoso Dental", "30 % fewer missed appointments."), $"/program/case-studies?handler=Resubmit&edit={study.Id}");
        Assert.Contains("waits for the platform's review again", await ReviewWorld.NoticeAfterAsync(member, resubmitted));

        var approved = await platform.PostFormAsync("/platform/program/case-studies", new Dictionary<string, string> { ["caseStudyId"] = study.Id.ToString(), ["note"] = "" }, "/platform/program/case-studies?handler=Approve");
        Assert.Contains("is approved", await ReviewWorld.NoticeAfterAsync(platform, approved));
        var stored = await World.InTenantAsync(world.Partner, db => db.Set<CaseStudy>().AsNoTracking().SingleAsync());
        Assert.Equal((CaseStudyStatus.Approved, "30 % fewer missed appointments.", world.PlatformAdmin.Id), (stored.Status, stored.Result, stored.ReviewedByUserId));
        await Factory.Smtp.WaitForMessageAsync(world.Member.Email!, m => m.Subject == "Your case study of Contoso Dental is approved");
        Assert.Equal(
            ["program.case_study_submitted", "program.case_study_sent_back", "program.case_study_resubmitted", "program.case_study_approved"],
            (await ReviewWorld.AuditAsync(World, world.Partner, "program.case_study")).Select(a => a[..a.IndexOf(':')]));

        // Approved: the partner no longer edits it.
        var late = await member.PostFormAsync("/program/case-studies", Study("Contoso Dental", "Other"), $"/program/case-studies?handler=Resubmit&edit={study.Id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
    }

    [Theory]
    [InlineData("Study.Customer", "", "Enter the customer's name")]
    [InlineData("Study.Industry", " ", "Enter the customer's industry")]
    [InlineData("Study.CompanySize", "", "Enter the customer's size")]
    [InlineData("Study.Need", "", "Describe what the customer needed")]
    [InlineData("Study.Result", "", "Describe the result")]
    public async Task RefuseAnIncompleteStudyOnThePage(string field, string value, string message)
    {
        var world = await ReviewWorld.CreateAsync(World);
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        var form = Study("Incomplete Inc");
        form[field] = value;

        var response = await member.PostFormAsync("/program/case-studies", form, "/program/case-studies?handler=Submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, await ReviewWorld.TextOfAsync(response, "#form-error"));
        Assert.Equal(0, await World.InTenantAsync(world.Partner, db => db.Set<CaseStudy>().CountAsync()));
    }

    [Fact]
    public async Task NeitherShowNorChangeAnotherPartnersStudy()
    {
        var world = await ReviewWorld.CreateAsync(World);
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        await ReviewWorld.NoticeAfterAsync(member, await member.PostFormAsync("/program/case-studies", Study("Private Customer"), "/program/case-studies?handler=Submit"));
        var study = await World.InTenantAsync(world.Partner, db => db.Set<CaseStudy>().AsNoTracking().SingleAsync());
        using var platform = await world.PlatformAsync(Factory);
        await ReviewWorld.NoticeAfterAsync(platform, await platform.PostFormAsync("/platform/program/case-studies", new Dictionary<string, string> { ["caseStudyId"] = study.Id.ToString(), ["note"] = "More detail." }, "/platform/program/case-studies?handler=SendBack"));

        using var other = await ReviewWorld.SignedInAsync(Factory, world.OtherPartner.Host, world.OtherOwner);
        var (_, list) = await other.GetPageAsync("/program/case-studies");
        Assert.DoesNotContain("Private Customer", list.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/program/case-studies?edit={study.Id}")).StatusCode);
        var forged = await other.PostFormAsync("/program/case-studies", Study("Hijacked"), $"/program/case-studies?handler=Resubmit&edit={study.Id}");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var stored = await World.InTenantAsync(world.Partner, db => db.Set<CaseStudy>().AsNoTracking().SingleAsync());
        Assert.Equal(("Private Customer", CaseStudyStatus.SentBack), (stored.Customer, stored.Status));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.PostFormAsync("/platform/program/case-studies", new Dictionary<string, string> { ["caseStudyId"] = Guid.NewGuid().ToString() }, "/platform/program/case-studies?handler=Approve")).StatusCode);
    }
}
