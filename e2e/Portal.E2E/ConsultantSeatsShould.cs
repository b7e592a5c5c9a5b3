using System.Text.RegularExpressions;
using MimeKit;
using PartnerPortal.ConsultantSeats.Invitations;
using PartnerPortal.E2E.Hosting;
using PartnerPortal.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 11 in Chromium, with mail at a real SMTP server, all on Contoso's own domain: the owner
/// invites Northwind's consultant into a new workspace and the invitation arrives in Contoso's
/// branding; the consultant accepts with their one identity, builds a solution and suspends it
/// read-only; a member of the workspace reads the notice with the consultant's contact and cannot
/// save; the owner finds no way to remove the seat, deactivates it (a reason is required) and
/// undoes that; last, the owner reads the consultant's invoices and opens one to print.
/// </summary>
public sealed partial class ConsultantSeatsShould(MailingPortalFixture portal) : IClassFixture<MailingPortalFixture>
{
    private const string Workspace = "Implants";
    private const string SolutionName = "Implant follow-ups";
    private const string MemberEmail = "hygienist@contoso-dental.test";
    private const string MemberName = "Hana Hygienist";
    private const string Reason = "Invoice NW-2 is unpaid past its grace period.";
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60);

    private PortalHost Host => portal.Host;

    private string Contoso(string pathAndQuery) => Host.Url(DemoHosts.Contoso, pathAndQuery);

    [Fact]
    public async Task SeatAConsultantByInvitationLetThemSuspendTheirSolutionAndKeepTheSeatProtected()
    {
        const string consultantEmail = DemoData.ConsultantEmail;
        await using var ownerContext = await portal.NewContextAsync();
        await using var consultantContext = await portal.NewContextAsync();
        await using var memberContext = await portal.NewContextAsync();
        var owner = await ownerContext.NewPageAsync();
        var consultant = await consultantContext.NewPageAsync();
        var member = await memberContext.NewPageAsync();

        // 1. The owner makes a workspace and invites the consultant into it from the workspace's menu; and invites a member to Contoso.
        await portal.SignInAsync(owner, DemoHosts.Contoso, Demo.OwnerOf("Contoso Dental"));
        await owner.GotoAsync(Contoso("/settings/workspaces"));
        await owner.GetByLabel("Name", new() { Exact = true }).FillAsync(Workspace);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create the workspace" }).ClickAsync();
        await owner.Locator("table.workspaces").GetByRole(AriaRole.Link, new() { Name = Workspace, Exact = true }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Workspace);
        var workspaceUrl = owner.Url;
        await owner.GetByRole(AriaRole.Navigation, new() { Name = "Workspace" }).GetByRole(AriaRole.Link, new() { Name = "Invite a consultant" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Invite a consultant to {Workspace}");
        await Expect(owner.Locator("#what-a-seat-is")).ToHaveTextAsync(SeatInvitations.WhatASeatIs);
        await owner.GetByLabel("The consultant's e-mail").FillAsync(consultantEmail);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Invitation sent to {consultantEmail}. It is valid for 7 days.");
        await Expect(owner.Locator("section[aria-labelledby=open-title]")).ToContainTextAsync(consultantEmail);
        await Screenshots.SaveAsync(owner, "ConsultantSeatsShould.1-owner-invites-consultant");

        await owner.GotoAsync(Contoso("/settings/invitations"));
        await owner.GetByLabel("E-mail").FillAsync(MemberEmail);
        await owner.GetByLabel("Role").SelectOptionAsync("Member");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(owner.Locator("section[aria-labelledby=open-title]")).ToContainTextAsync(MemberEmail);

        // 2. The invitation reaches the SMTP server in Contoso's branding, explains the seat, and is accepted on Contoso's domain.
        var invitation = await portal.Mailbox.WaitForAsync(consultantEmail, MailTimeout);
        Assert.Equal("Contoso Dental", invitation.From.Mailboxes.Single().Name);
        Assert.Contains("Contoso Dental", invitation.Subject);
        Assert.Contains(Demo.Organization("Contoso Dental").Color!, invitation.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Cloudbase", invitation.HtmlBody + invitation.TextBody + invitation.Subject + invitation.From);
        Assert.Contains(Workspace, invitation.TextBody);
        Assert.Contains(SeatInvitations.WhatASeatIs, invitation.TextBody);
        Assert.Contains("you do not need a new one", invitation.TextBody);
        await ShowMailAsync(consultantContext, invitation, "ConsultantSeatsShould.2-invitation-email");

        await consultant.GotoAsync(LinkIn(invitation, "/consultant-invitation?token="));
        await Expect(consultant.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A consultant seat at Contoso Dental");
        await Expect(consultant.Locator("main")).ToContainTextAsync($"invited to the workspace {Workspace}");
        await consultant.GetByLabel($"Password of {consultantEmail}").FillAsync(DemoData.Password);
        await Screenshots.SaveAsync(consultant, "ConsultantSeatsShould.3-consultant-accepts");
        await consultant.GetByRole(AriaRole.Button, new() { Name = "Accept the consultant seat" }).ClickAsync();
        await consultant.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/consultant-invitation");
        Assert.Equal(DemoHosts.Contoso, new Uri(consultant.Url).Host);

        // The member joins Contoso, and the owner adds them to the new workspace on its people page.
        await member.GotoAsync(LinkIn(await portal.Mailbox.WaitForAsync(MemberEmail, MailTimeout), "/account/accept-invitation?token="));
        await member.GetByLabel("Your name").FillAsync(MemberName);
        await member.GetByLabel("Choose a password").FillAsync(DemoData.Password);
        await member.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
        await member.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/account/", StringComparison.Ordinal));

        await owner.GotoAsync(workspaceUrl);
        await owner.GetByLabel("Person of the organization").SelectOptionAsync(new SelectOptionValue { Label = $"{MemberName} ({MemberEmail})" });
        await owner.GetByRole(AriaRole.Button, new() { Name = $"Add to {Workspace}" }).ClickAsync();
        var people = owner.Locator("table.workspace-people");
        await Expect(people.Locator("tr", new() { HasText = MemberEmail })).ToContainTextAsync("Member");
        // The consultant's place is a protected seat: nothing on the people page removes it.
        var seatRow = people.Locator("tr", new() { HasText = consultantEmail });
        await Expect(seatRow).ToContainTextAsync("Protected: cannot be changed or removed here");
        await Expect(seatRow.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        // 3. The consultant builds a solution in the workspace, publishes it and gives it to the member.
        await consultant.GotoAsync(Contoso("/solutions"));
        var solutionUrl = await SolutionBuilder.CreateAsync(consultant, Workspace, SolutionName);
        await SolutionBuilder.AddItemsFieldAsync(consultant, "Implant");

        await consultant.GotoAsync(solutionUrl + "/manage");
        await consultant.GetByRole(AriaRole.Button, new() { Name = "Publish a new version" }).ClickAsync();
        await consultant.GetByLabel("E-mail of a workspace member").FillAsync(MemberEmail);
        await consultant.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Expect(consultant.Locator("section[aria-labelledby=people]")).ToContainTextAsync(MemberEmail);
        await Screenshots.SaveAsync(consultant, "ConsultantSeatsShould.4-consultant-builds-and-assigns");

        // The member starts a record while the solution runs normally...
        await member.GotoAsync(solutionUrl);
        await member.GetByRole(AriaRole.Link, new() { Name = "New record" }).ClickAsync();
        await member.GetByLabel("Name (required)").FillAsync("Mrs Jones");

        // ...and the consultant suspends it, read-only.
        await consultant.GotoAsync(solutionUrl);
        await consultant.GetByRole(AriaRole.Navigation, new() { Name = "Solution" }).GetByRole(AriaRole.Link, new() { Name = "Suspend" }).ClickAsync();
        await consultant.GetByRole(AriaRole.Radio, new() { Name = "Read-only" }).CheckAsync();
        await consultant.GetByLabel("Reason (its people read it)").FillAsync(Reason);
        await consultant.GetByRole(AriaRole.Button, new() { Name = $"Suspend {SolutionName}" }).ClickAsync();
        await consultant.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = $"Suspend {SolutionName}" }).ClickAsync();
        await Expect(consultant.GetByRole(AriaRole.Status)).ToContainTextAsync($"{SolutionName} is suspended (read-only)");
        await Expect(consultant.Locator("#suspension-notice")).ToContainTextAsync("You suspended it");
        await Screenshots.SaveAsync(consultant, "ConsultantSeatsShould.5-consultant-suspends-read-only");

        // 4. The member's save is refused with the notice, and the solution shows no way to edit.
        var refused = await member.RunAndWaitForResponseAsync(
            () => member.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(),
            response => response.Request.Method == "POST");
        Assert.Equal(423, refused.Status);
        await Expect(member.Locator("#suspension-refusal")).ToHaveTextAsync("This solution is read-only while it is suspended: nothing was saved.");
        await ExpectNoticeAsync(member);
        await Screenshots.SaveAsync(member, "ConsultantSeatsShould.6-member-save-refused");

        await member.GotoAsync(solutionUrl);
        await ExpectNoticeAsync(member);
        await Expect(member.Locator("table.records")).Not.ToContainTextAsync("Mrs Jones");
        await Expect(member.GetByRole(AriaRole.Link, new() { Name = "New record" })).ToHaveCountAsync(0);
        await Expect(member.GetByRole(AriaRole.Link, new() { Name = "Import CSV" })).ToHaveCountAsync(0);
        await Expect(member.GetByRole(AriaRole.Navigation, new() { Name = "Solution" }).GetByRole(AriaRole.Link, new() { Name = "Builder" })).ToHaveCountAsync(0);
        await member.GotoAsync(solutionUrl + "/tables/items/record");
        await Expect(member.GetByLabel("Name (required)")).Not.ToBeEditableAsync();
        await Expect(member.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(member, "ConsultantSeatsShould.7-member-reads-notice");

        // 5. The owner's seat page: no way to remove it; deactivation needs a reason, runs its notice period, and is undone.
        await owner.GotoAsync(Contoso("/settings/consultant-seats"));
        var seat = owner.Locator("table.seats tbody tr", new() { HasText = Workspace });
        await Expect(seat).ToContainTextAsync("Northwind Partners");
        await Expect(seat.Locator("td.state")).ToHaveTextAsync("Active");
        await seat.GetByRole(AriaRole.Link, new() { Name = consultantEmail }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(consultantEmail);
        Assert.True(await owner.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The seat page scrolls sideways: its menus should wrap.");
        var main = owner.Locator("main");
        await Expect(main.GetByRole(AriaRole.Button, new() { NameRegex = Remove() })).ToHaveCountAsync(0);
        await Expect(main.GetByRole(AriaRole.Link, new() { NameRegex = Remove() })).ToHaveCountAsync(0);
        var deactivate = owner.GetByRole(AriaRole.Button, new() { Name = $"Deactivate the seat of {consultantEmail}" });

        await deactivate.ClickAsync();
        await owner.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate the seat" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Give a reason: the consultant reads it.");
        await Expect(owner.GetByLabel("Reason (the consultant reads it)")).ToHaveAttributeAsync("aria-describedby", "form-error");
        await Expect(owner.Locator("dd.state")).ToHaveTextAsync("Active");
        await Screenshots.SaveAsync(owner, "ConsultantSeatsShould.8-deactivation-needs-a-reason");

        await owner.GetByLabel("Reason (the consultant reads it)").FillAsync("The implant project is handed to our own staff.");
        await deactivate.ClickAsync();
        await owner.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Deactivate the seat" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync($"The consultant seat of {consultantEmail} in {Workspace} ends on ");
        await Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("until then you can undo it");
        await Expect(owner.Locator("dd.state")).ToContainTextAsync("Ends on");
        await Expect(main).ToContainTextAsync("The implant project is handed to our own staff.");
        await Screenshots.SaveAsync(owner, "ConsultantSeatsShould.9-deactivation-running");

        await owner.GetByRole(AriaRole.Button, new() { Name = "Undo the deactivation" }).ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Undone: the consultant seat of {consultantEmail} in {Workspace} stays. They were told by e-mail.");
        await Expect(owner.Locator("dd.state")).ToHaveTextAsync("Active");
        await Expect(deactivate).ToBeVisibleAsync();
        await Screenshots.SaveAsync(owner, "ConsultantSeatsShould.10-deactivation-undone");

        // 6. The owner reads the consultant's invoices (one paid, one overdue) and opens one to print.
        await owner.GotoAsync(Contoso("/settings/invoices"));
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Invoices");
        var invoices = owner.Locator("#invoices tbody tr");
        await Expect(invoices).ToHaveCountAsync(2);
        await Expect(invoices.Filter(new() { HasText = "Paid" })).ToHaveCountAsync(1);
        await Expect(invoices.Filter(new() { HasText = "Overdue" })).ToHaveCountAsync(1);
        await Expect(invoices.First).ToContainTextAsync("Northwind Partners (Nadia Consultant)");
        await Expect(invoices.First).ToContainTextAsync("300.00 EUR");
        await Screenshots.SaveAsync(owner, "ConsultantSeatsShould.11-owner-invoices");

        var overdue = invoices.Filter(new() { HasText = "Overdue" }).GetByRole(AriaRole.Link);
        var number = await overdue.InnerTextAsync();
        await overdue.ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Invoice {number}");
        await Expect(owner.Locator("#invoice-to")).ToContainTextAsync("Contoso Dental");
        await Expect(owner.Locator("#invoice-total")).ToHaveTextAsync("300.00 EUR");
        await Expect(owner.Locator("#invoice-status")).ToContainTextAsync("Overdue");
        await owner.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(owner.Locator("header.topbar")).ToBeHiddenAsync();
        await Expect(owner.Locator("h1.no-print")).ToBeHiddenAsync();
        var document = await owner.Locator("#invoice").BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("The invoice is not on the printed page.");
        Assert.True(document.Width > 1000, $"The printed invoice is {document.Width}px wide on a 1280px page: it should use the page's width.");
        await Screenshots.SaveAsync(owner, "ConsultantSeatsShould.12-invoice-printed");

        Host.Errors.AssertNone();
    }

    /// <summary>The suspension notice, with the consultant's reason and how to reach them.</summary>
    private static async Task ExpectNoticeAsync(IPage page)
    {
        var notice = page.Locator("#suspension-notice");
        await Expect(notice.GetByRole(AriaRole.Heading)).ToHaveTextAsync("This solution is suspended: read-only");
        await Expect(notice).ToContainTextAsync(Reason);
        await Expect(notice).ToContainTextAsync("Nadia Consultant");
        await Expect(notice.GetByRole(AriaRole.Link, new() { Name = DemoData.ConsultantEmail })).ToHaveAttributeAsync("href", $"mailto:{DemoData.ConsultantEmail}");
    }

    /// <summary>The message's link on Contoso's own domain that starts with <paramref name="pathAndQuery"/>.</summary>
    private string LinkIn(MimeMessage message, string pathAndQuery)
    {
        var prefix = Contoso(pathAndQuery);
        var match = Regex.Match(message.TextBody ?? string.Empty, Regex.Escape(prefix) + @"\S+");
        Assert.True(match.Success, $"No link {prefix}… in the message to {message.To}.");
        return match.Value;
    }

    /// <summary>A person's view of the message, for the screenshots.</summary>
    private static async Task ShowMailAsync(IBrowserContext context, MimeMessage message, string name)
    {
        var page = await context.NewPageAsync();
        await page.SetContentAsync(message.HtmlBody ?? message.TextBody ?? string.Empty);
        await Screenshots.SaveAsync(page, name);
        await page.CloseAsync();
    }

    [GeneratedRegex("remove", RegexOptions.IgnoreCase)]
    private static partial Regex Remove();
}
