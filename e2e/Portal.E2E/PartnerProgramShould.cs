using System.Globalization;
using MimeKit;
using PartnerPortal.E2E.Hosting;
using PartnerPortal.Web.Demo;
using static Microsoft.Playwright.Assertions;

namespace PartnerPortal.E2E;

/// <summary>
/// Issue 12 in Chromium, with mail at a real SMTP server: Northwind's admin reads its tier and
/// points by source and follows last month's managed MRR down to the ledger entries behind it; a
/// "what if" reaches Platinum and saves nothing; a deal it registers is approved by a platform
/// admin and the approval arrives in Northwind's branding; last, it disputes one of those entries,
/// the platform admin accepts with a confirmed correction, and the partner reads the outcome, the
/// correcting entry in its ledger and the e-mail. Second, the public side: an anonymous visitor
/// finds Northwind in the directory by specialization, opens its listing's preview in the Solution
/// Center, and Fabrikam's admin installs that listing into a workspace.
/// </summary>
public sealed class PartnerProgramShould(MailingPortalFixture portal) : IClassFixture<MailingPortalFixture>
{
    private const string Northwind = "Northwind Partners";
    private const string Customer = "Blue Yonder Airlines";
    private const string DisputeReason = "Adventure Works stopped managing Tailspin Toys before this month: the MRR should not be split 2 ways.";
    private const string Correction = "6.48";
    private const string Listing = "Recall reminders";
    private const string Fabrikam = "Fabrikam Fitness";
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(60);

    private PortalHost Host => portal.Host;

    [Fact]
    public async Task ExplainItsPointsSimulateATierAndTakeADealAndADisputeThroughTheirReviews()
    {
        await using var partnerContext = await portal.NewContextAsync();
        await using var adminContext = await portal.NewContextAsync();
        var partner = await partnerContext.NewPageAsync();
        var admin = await adminContext.NewPageAsync();
        var owner = Demo.OwnerOf(Northwind);
        // Last month is the demo's own history (the current one is whatever the recalculation found today).
        var thisMonth = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);

        // 1. The program page: tier and points by source; last month's managed MRR leads to the entries that make it.
        await portal.SignInAsync(partner, DemoHosts.Northwind, owner);
        await partner.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Program", Exact = true }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Partner program");
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Your tier: Gold" })).ToBeVisibleAsync();
        var sources = partner.GetByRole(AriaRole.Table).Filter(new() { Has = partner.GetByRole(AriaRole.Columnheader, new() { Name = "Source" }) });
        await Expect(sources.GetByRole(AriaRole.Rowheader, new() { NameRegex = new("^Sold MRR") })).ToBeVisibleAsync();
        await Expect(sources.GetByRole(AriaRole.Rowheader, new() { NameRegex = new("^Managed MRR") })).ToBeVisibleAsync();
        var points = await partner.Locator("#points").InnerTextAsync();
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.1-program-page");

        var managed = MonthRow(partner, lastMonth).GetByRole(AriaRole.Cell).Nth(2).GetByRole(AriaRole.Link);
        var clicked = Number(await managed.InnerTextAsync());
        await managed.ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Managed MRR in {lastMonth}");
        var entries = partner.Locator("#entries tbody tr");
        await Expect(entries).ToHaveCountAsync(2);
        var sum = 0m;
        foreach (var entry in await entries.AllAsync()) sum += Number(await entry.GetByRole(AriaRole.Cell).Nth(3).InnerTextAsync());
        Assert.Equal(clicked, sum);
        await Expect(partner.Locator("#total")).ToHaveTextAsync($"{clicked.ToString("#,##0.##", CultureInfo.InvariantCulture)} points from these entries.");
        var entriesUrl = partner.Url;
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.2-managed-mrr-entries");

        // 2. "What if" with 10,000 more managed MRR reaches Platinum; after a reload nothing has changed.
        await partner.GetByRole(AriaRole.Link, new() { Name = "Back to the program page" }).ClickAsync();
        await partner.GetByLabel("Extra managed MRR").FillAsync("10,000");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Show the tier I would reach" }).ClickAsync();
        // The same calculator as the recalculation: its "now" is the page's own figure.
        await Expect(partner.Locator("#whatif-result")).ToContainTextAsync($"(now {points[..points.IndexOf(" points", StringComparison.Ordinal)]}) and reach Platinum");
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.3-what-if-platinum");

        await partner.GotoAsync(Host.Url(DemoHosts.Northwind, "/program"));
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Your tier: Gold" })).ToBeVisibleAsync();
        await Expect(partner.Locator("#points")).ToHaveTextAsync(points);
        await Expect(partner.Locator("#whatif-result")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.4-after-what-if-unchanged");

        // 3. A deal registered by the partner, approved by a platform admin; the partner reads it and gets the e-mail.
        await partner.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Deals", Exact = true }).ClickAsync();
        await partner.GetByLabel("Customer", new() { Exact = true }).FillAsync(Customer);
        await partner.GetByLabel("Expected annual recurring revenue (ARR)", new() { Exact = true }).FillAsync("48,000");
        await partner.GetByLabel("Currency", new() { Exact = true }).FillAsync("EUR");
        await partner.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "In negotiation" });
        await partner.GetByLabel("Expected close date", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddMonths(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.5-register-deal");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Register the deal" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The deal with {Customer} is registered and waits for the platform's review.");
        var deal = partner.Locator("table.deals tbody tr", new() { HasText = Customer });
        await Expect(deal.Locator("td.review")).ToHaveTextAsync("Waiting for review");
        await Expect(deal).ToContainTextAsync("48,000.00 EUR");

        await portal.SignInAsync(admin, DemoHosts.Platform, DemoData.PlatformAdminEmail);
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Partner reviews" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Deal registrations");
        var review = admin.Locator("table.deals tbody tr", new() { HasText = Customer });
        await Expect(review.Locator("td.partner")).ToHaveTextAsync(Northwind);
        await review.GetByRole(AriaRole.Button, new() { Name = $"Approve the deal of {Northwind} with {Customer}" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The deal of {Northwind} with {Customer} is approved; the partner is told by e-mail.");
        await Expect(review.Locator("td.review")).ToHaveTextAsync("Approved");
        await Screenshots.SaveAsync(admin, "PartnerProgramShould.6-admin-approves-deal");

        await partner.ReloadAsync();
        await Expect(deal.Locator("td.review")).ToHaveTextAsync("Approved");
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.7-partner-sees-deal-approved");
        var approval = await portal.Mailbox.WaitForAsync(owner, m => m.Subject == $"Your deal with {Customer} is approved", MailTimeout);
        ExpectNorthwindBranding(approval, "/program/deals");
        Assert.Contains("48,000.00 EUR", approval.TextBody);
        await ShowMailAsync(partnerContext, approval, "PartnerProgramShould.8-deal-approved-email");

        // 4. The partner disputes one of last month's managed entries from its ledger; the admin accepts with a confirmed correction.
        await partner.GotoAsync(entriesUrl);
        var tailspin = partner.Locator("#entries tbody tr", new() { HasText = "Tailspin Toys" });
        var disputed = await tailspin.GetByRole(AriaRole.Rowheader).InnerTextAsync();
        await tailspin.GetByRole(AriaRole.Link, new() { Name = $"Dispute “{disputed}”" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Name = "Dispute an entry" })).ToBeVisibleAsync();
        await Expect(partner.Locator("#disputed-entry")).ToContainTextAsync($"{disputed}: 6.48 points in {lastMonth}");
        await partner.GetByLabel("Why is the entry wrong?").FillAsync(DisputeReason);
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.9-dispute-entry");
        await partner.GetByRole(AriaRole.Button, new() { Name = "Send the dispute" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Your dispute of “{disputed}” is sent; the platform answers by e-mail.");
        var dispute = partner.Locator("table.disputes tbody tr", new() { HasText = DisputeReason });
        await Expect(dispute.Locator(".status")).ToHaveTextAsync("Open");

        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Partner reviews" }).GetByRole(AriaRole.Link, new() { Name = "Ledger disputes" }).ClickAsync();
        var resolution = admin.GetByRole(AriaRole.Article, new() { Name = $"{Northwind}: {disputed}" });
        await Expect(resolution.Locator("q.reason")).ToHaveTextAsync(DisputeReason);
        await resolution.GetByLabel("Correction in points (to accept)").FillAsync(Correction);
        await resolution.GetByLabel("To accept: write the correction into the partner's ledger (it cannot be taken back)").CheckAsync();
        await resolution.GetByLabel("What you decided and why").FillAsync("Confirmed: Tailspin Toys had one managing partner that month.");
        await Screenshots.SaveAsync(admin, "PartnerProgramShould.10-admin-resolves-dispute");
        await resolution.GetByRole(AriaRole.Button, new() { Name = $"Accept and correct the dispute of {Northwind}" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The dispute of {Northwind} is accepted: +{Correction} points in {lastMonth}. The partner is told by e-mail.");
        await Expect(resolution.Locator(".outcome")).ToContainTextAsync($"Accepted: +{Correction} points");
        await Screenshots.SaveAsync(admin, "PartnerProgramShould.11-admin-accepted-dispute");

        // The partner reads the outcome, finds the correcting entry in last month's ledger, and gets the e-mail.
        await partner.ReloadAsync();
        await Expect(dispute.Locator(".status")).ToHaveTextAsync("Accepted");
        await Expect(dispute.Locator(".correction")).ToHaveTextAsync($"Corrected by +{Correction} points in {lastMonth}");
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.12-partner-sees-outcome");

        await partner.GotoAsync(entriesUrl);
        await partner.GetByRole(AriaRole.Navigation, new() { Name = "Sources" }).GetByRole(AriaRole.Link, new() { Name = "Corrections" }).ClickAsync();
        await Expect(partner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Corrections in {lastMonth}");
        await Expect(partner.Locator("#entries tbody tr")).ToHaveCountAsync(1);
        await Expect(partner.Locator("#entries").GetByRole(AriaRole.Rowheader)).ToHaveTextAsync($"Correction of “{disputed}” after a dispute: +{Correction} points");
        await Expect(partner.Locator("#total")).ToHaveTextAsync($"{Correction} points from these entries.");
        await Screenshots.SaveAsync(partner, "PartnerProgramShould.13-correction-in-ledger");

        var accepted = await portal.Mailbox.WaitForAsync(owner, m => m.Subject == "Your dispute of a ledger entry is accepted", MailTimeout);
        ExpectNorthwindBranding(accepted, "/program/disputes");
        Assert.Contains(disputed, accepted.TextBody);
        Assert.Contains($"+{Correction} points", accepted.TextBody);
        await ShowMailAsync(partnerContext, accepted, "PartnerProgramShould.14-dispute-accepted-email");

        Host.Errors.AssertNone();
    }

    [Fact]
    public async Task ListNorthwindInTheDirectoryAndLetAClientInstallItsSolutionFromTheSolutionCenter()
    {
        await using var visitorContext = await portal.NewContextAsync();
        var visitor = await visitorContext.NewPageAsync();

        // 1. Anonymous, on the platform host: the directory filtered by specialization finds Northwind.
        await visitor.GotoAsync(Host.Url(DemoHosts.Platform, "/partners"));
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Find a partner");
        var search = visitor.GetByRole(AriaRole.Search, new() { Name = "Search partners" });
        await search.GetByLabel("Specialization").SelectOptionAsync(new SelectOptionValue { Label = "Healthcare" });
        await search.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 partner match.");
        var card = visitor.Locator("#partners > li");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(Northwind);
        await Expect(card.GetByRole(AriaRole.List, new() { Name = "Specializations" })).ToContainTextAsync("Healthcare");
        await Screenshots.SaveAsync(visitor, "PartnerProgramShould.15-directory-by-specialization");

        // 2. Its profile: tier, specializations, and its published solution.
        await card.GetByRole(AriaRole.Link, new() { Name = Northwind, Exact = true }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Northwind);
        await Expect(visitor.Locator("#tier")).ToHaveTextAsync("Gold partner");
        await Expect(visitor.GetByRole(AriaRole.List, new() { Name = "Specializations" }).GetByRole(AriaRole.Listitem).Filter(new() { HasTextRegex = new("^Healthcare$") })).ToBeVisibleAsync();
        var solutions = visitor.GetByRole(AriaRole.Region, new() { Name = "Solutions in the Solution Center" });
        await Expect(solutions.GetByRole(AriaRole.Link, new() { Name = Listing, Exact = true })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(visitor, "PartnerProgramShould.16-northwind-profile");

        // 3. The listing's public page previews the tables and fields it creates; its install count is read for later.
        await solutions.GetByRole(AriaRole.Link, new() { Name = Listing, Exact = true }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Listing);
        Assert.Matches(@"^/solution-center/[0-9a-f-]{36}$", new Uri(visitor.Url).AbsolutePath);
        var listingUrl = visitor.Url;
        await Expect(visitor.Locator("#publisher")).ToContainTextAsync($"By {Northwind} (Gold partner) · Dental and medical practices · version 1 · ");
        var installs = await InstallsAsync(visitor);
        var preview = visitor.GetByRole(AriaRole.Region, new() { Name = "What it creates" });
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Table Recalls" })).ToBeVisibleAsync();
        await Expect(preview.Locator(".preview-fields li")).ToHaveTextAsync(["Patient (text, required)", "E-mail (e-mail address, required)", "Due (date, required)", "Status (choice from a list, required)"]);
        await Expect(preview).ToContainTextAsync("Views: Due soon");
        await Expect(preview).ToContainTextAsync("Recall reminder");
        await Screenshots.SaveAsync(visitor, "PartnerProgramShould.17-listing-preview");

        // 4. "Install into your account" with Fabrikam's address name leads to its own host, where its owner signs in.
        var install = visitor.GetByRole(AriaRole.Region, new() { Name = "Install into your account" });
        await install.GetByLabel("Your account's address name").FillAsync("fabrikam");
        await install.GetByRole(AriaRole.Button, new() { Name = "Install into your account" }).ClickAsync();
        await visitor.WaitForURLAsync(url => new Uri(url).Host == DemoHosts.Fabrikam);
        await Expect(visitor.GetByLabel("E-mail")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(visitor, "PartnerProgramShould.18-sign-in-on-fabrikam");
        await visitor.GetByLabel("E-mail").FillAsync(Demo.OwnerOf(Fabrikam));
        await visitor.GetByLabel("Password").FillAsync(DemoData.Password);
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        // 5. Back on the install page: pick a workspace and install a copy.
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Install {Listing}");
        Assert.Equal(DemoHosts.Fabrikam, new Uri(visitor.Url).Host);
        Assert.EndsWith("/install", new Uri(visitor.Url).AbsolutePath, StringComparison.Ordinal);
        await visitor.GetByLabel("Install into workspace").SelectOptionAsync(new SelectOptionValue { Label = "General" });
        await Screenshots.SaveAsync(visitor, "PartnerProgramShould.19-install-pick-workspace");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Install a copy" }).ClickAsync();

        // 6. The copy is Fabrikam's, published, and says where it came from.
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Listing);
        await Expect(visitor.Locator(".provenance")).ToHaveTextAsync($"Copied from {Listing} version 1 by {Northwind}.");
        await Screenshots.SaveAsync(visitor, "PartnerProgramShould.20-installed-copy");
        await visitor.GotoAsync(Host.Url(DemoHosts.Fabrikam, "/solutions"));
        var general = visitor.GetByRole(AriaRole.Region, new() { Name = "General" });
        await Expect(general.GetByRole(AriaRole.Link, new() { Name = Listing, Exact = true })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(visitor, "PartnerProgramShould.21-fabrikam-solutions");

        // 7. The public page counts the install (a fresh anonymous browser: the page may be cached for a minute).
        await using var laterContext = await portal.NewContextAsync();
        var later = await laterContext.NewPageAsync();
        await later.GotoAsync(listingUrl);
        await Expect(later.Locator("#publisher")).ToContainTextAsync(installs == 0 ? "· 1 install" : $"· {(installs + 1).ToString("N0", CultureInfo.InvariantCulture)} installs");
        await Screenshots.SaveAsync(later, "PartnerProgramShould.22-listing-install-counted");

        Host.Errors.AssertNone();
    }

    /// <summary>The install count at the end of a listing page's publisher line ("… · 3 installs").</summary>
    private static async Task<int> InstallsAsync(IPage page)
    {
        var line = await page.Locator("#publisher").InnerTextAsync();
        var count = line[(line.LastIndexOf('·') + 1)..].Trim().Split(' ')[0];
        return int.Parse(count, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    /// <summary>The row of one month in the program page's "Points by month" table.</summary>
    private static ILocator MonthRow(IPage page, string month) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = month, Exact = true }) });

    private static decimal Number(string text) => decimal.Parse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>From Northwind by name, in its colour, linking to its own host. (A partner is the platform's direct customer: its mail may say "Powered by", T4.)</summary>
    private void ExpectNorthwindBranding(MimeMessage message, string path)
    {
        Assert.Equal(Northwind, message.From.Mailboxes.Single().Name);
        Assert.Contains(Demo.Organization(Northwind).Color!, message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Host.Url(DemoHosts.Northwind, path), message.TextBody);
    }

    /// <summary>A person's view of the message, for the screenshots.</summary>
    private static async Task ShowMailAsync(IBrowserContext context, MimeMessage message, string name)
    {
        var page = await context.NewPageAsync();
        await page.SetContentAsync(message.HtmlBody ?? message.TextBody ?? string.Empty);
        await Screenshots.SaveAsync(page, name);
        await page.CloseAsync();
    }
}
