using AngleSharp.Dom;
using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.Ledger;
using PartnerPortal.PartnerTiers.Program;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// P1–P7, P11, P12: platform admins edit the program (bad input refused on the page, nothing saved);
/// a partner's program page shows its tier, points by source down to each entry, what is missing and
/// "what if" without writing; a partner sees and ends only its own relationships.
/// </summary>
public sealed class ProgramPagesShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    [Fact]
    public async Task SaveTheProgramAndRefuseBadInputOnThePage()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await ProgramWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);
        var (get, document) = await platform.GetPageAsync("/platform/program");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.NotNull(document.QuerySelector("nav a[href='/platform/program']"));
        Assert.Contains("a product line from the product line of clients' plans", document.QuerySelector("#spec-sources")!.TextContent);
        var form = Fields(document);

        form["Form.Tiers[1].Threshold"] = "5";
        var refused = await platform.PostFormAsync("/platform/program", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await PortalClient.ParseAsync(refused);
        Assert.Contains("raise the threshold of Gold above 10", refusedPage.QuerySelector("#form-error")!.TextContent);
        Assert.Equal("5", refusedPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#tier-1-threshold")!.Value);
        Assert.Equal(35m, (await StoredAsync()).TierNamed("Gold")!.Threshold);

        form["Form.Tiers[1].Threshold"] = "40";
        form["Form.Tiers[1].ResellerDiscount"] = "27.5";
        form["Form.Conversion"] = "EUR 1.1\nSEK 0.095";
        var saved = await platform.PostFormAsync("/platform/program", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await platform.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Gold threshold 35 → 40 points", after.QuerySelector("main .notice")!.TextContent);
        var program = await StoredAsync();
        Assert.Equal((40m, 0.275m, 0.095m, 1.1m), (program.TierNamed("Gold")!.Threshold, program.TierNamed("Gold")!.ResellerDiscount, program.RateOf("SEK")!.Value, program.RateOf("EUR")!.Value));
        Assert.Null(program.RateOf("GBP"));

        // The change is the platform's to answer for: in the platform audit, by this admin, in words (A1).
        var audited = await World.GlobalAsync(db => db.PlatformAudit.IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(a => a.Action == "partner_program.changed").ToListAsync());
        var entry = Assert.Single(audited);
        Assert.Equal((admin.Id, admin.Email), (entry.UserId, entry.UserEmail));
        Assert.Contains("Gold threshold 35 → 40 points", entry.Detail);
    }

    [Fact]
    public async Task ShowTheTierThePointsBySourceAndEveryEntryBehindThem()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Explained Partners");
        var plan = await ProgramWorld.PlanAsync(World, 700m, "USD");
        for (var i = 1; i <= 3; i++) await ProgramWorld.ClientAsync(World, $"Explained Client {i}", plan, partner);
        var (rival, _) = await ProgramWorld.PartnerAsync(World, "Rival Partners");
        await ProgramWorld.ClientAsync(World, "Rival Client", plan, rival);
        await ProgramWorld.RecalculateAsync(Factory);

        using var browser = await ProgramWorld.SignedInAsync(Factory, partner.Host, owner);
        var (response, page) = await browser.GetPageAsync("/program");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("nav a[href='/program']"));
        Assert.Equal("Silver", page.QuerySelector("#tier")!.TextContent);
        Assert.StartsWith("21 points", page.QuerySelector("#points")!.TextContent);
        Assert.Contains("Gold needs 35 points: 14 more", page.QuerySelector("#next")!.TextContent);
        Assert.Contains("2 more sold accounts at your current average of 7 points", page.QuerySelector("#next")!.TextContent);
        var soldRow = page.QuerySelectorAll("#sources tbody tr").Single(r => r.TextContent.Contains("Sold MRR"));
        Assert.Contains("(3 accounts)", soldRow.TextContent);

        var (entriesResponse, entries) = await browser.GetPageAsync(soldRow.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, entriesResponse.StatusCode);
        var rows = entries.QuerySelectorAll("#entries tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.All(rows, r => Assert.Contains("Sold MRR of Explained Client", r.TextContent));
        Assert.DoesNotContain("Rival", entries.Body!.TextContent);
        Assert.StartsWith("21 points", entries.QuerySelector("#total")!.TextContent);

        // A source or month the program does not know shows this month's managed MRR and says so.
        var (odd, oddPage) = await browser.GetPageAsync("/program/entries?source=Bonus&period=someday");
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        Assert.Contains("not one the program knows", oddPage.QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task SimulateWhatIfWithTheRecalculationsRuleAndWriteNothing()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Dreaming Partners");
        var plan = await ProgramWorld.PlanAsync(World, 1200m, "USD");
        await ProgramWorld.ClientAsync(World, "Dream Client", plan, partner);
        await ProgramWorld.RecalculateAsync(Factory);
        var before = await World.GlobalAsync(db => db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]).CountAsync());

        using var browser = await ProgramWorld.SignedInAsync(Factory, partner.Host, owner);
        var response = await browser.PostFormAsync("/program", new Dictionary<string, string>
        {
            ["Simulation.ManagedMrr"] = "9000", ["Simulation.ManagedAccounts"] = "3", ["Simulation.SoldMrr"] = "", ["Simulation.Badges"] = "1",
            ["Simulation.DealArr"] = "", ["Simulation.DealStage"] = "Won",
        }, "/program?handler=WhatIf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await PortalClient.ParseAsync(response);
        // 12 points now; 90 from the managed MRR and 5 from the badge: 107, Platinum.
        Assert.Contains("you would have 107 points (now 12) and reach Platinum", result.QuerySelector("#whatif-result")!.TextContent);
        Assert.Equal(before, await World.GlobalAsync(db => db.Set<LedgerEntry>().IgnoreQueryFilters(["Tenant"]).CountAsync()));
        Assert.Equal("Silver", (await ProgramWorld.TierAsync(World, partner))!.Tier);

        var bad = await browser.PostFormAsync("/program", new Dictionary<string, string> { ["Simulation.ManagedMrr"] = "-5", ["Simulation.DealStage"] = "Won" }, "/program?handler=WhatIf");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Enter the extra managed MRR", (await PortalClient.ParseAsync(bad)).QuerySelector("#form-error")!.TextContent);
        var stage = await browser.PostFormAsync("/program", new Dictionary<string, string> { ["Simulation.DealArr"] = "100", ["Simulation.DealStage"] = "Imagined" }, "/program?handler=WhatIf");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stage.StatusCode);
    }

    [Fact]
    public async Task LetAPartnerEndOnlyItsOwnManagedRelationships()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Ending Partners");
        var (rival, rivalOwner) = await ProgramWorld.PartnerAsync(World, "Other Ending Partners");
        var plan = await ProgramWorld.PlanAsync(World, 100m, "USD");
        var client = await ProgramWorld.ClientAsync(World, "Shared Client", plan, partner);
        await World.GlobalAsync(async db =>
        {
            db.PartnerClientLinks.Add(new PartnerClientLink { PartnerId = rival.Id, ClientId = client.Id, CreatedAt = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(client.Id, owner.Id, "solutions.published", DateTime.UtcNow));
        await ProgramWorld.RaiseAsync(Factory, new PortalEvent(client.Id, rivalOwner.Id, "solutions.published", DateTime.UtcNow));
        var rivals = Assert.Single(await ProgramWorld.RelationshipsAsync(World, rival));
        var own = Assert.Single(await ProgramWorld.RelationshipsAsync(World, partner));

        using var browser = await ProgramWorld.SignedInAsync(Factory, partner.Host, owner);
        var forged = await browser.PostFormAsync("/program/managed", new Dictionary<string, string> { ["relationshipId"] = rivals.Id.ToString() }, "/program/managed?handler=End");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Null(Assert.Single(await ProgramWorld.RelationshipsAsync(World, rival)).EndedAt);

        var ended = await browser.PostFormAsync("/program/managed", new Dictionary<string, string> { ["relationshipId"] = own.Id.ToString() }, "/program/managed?handler=End");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        var (_, page) = await browser.GetPageAsync(ended.Headers.Location!.OriginalString);
        Assert.Contains("You no longer manage Shared Client", page.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Ended by the partner", Assert.Single(await ProgramWorld.RelationshipsAsync(World, partner)).EndReason);
        Assert.Single(await World.InTenantAsync(partner, db => db.AuditEntries.Where(a => a.Action == "partner_program.managed_ended").ToListAsync()));

        // A partner employee sees the program page but not the admins' page that ends relationships.
        var employee = await World.CreateUserAsync();
        await World.AddMemberAsync(partner, employee, OrganizationRole.Member);
        using var member = await ProgramWorld.SignedInAsync(Factory, partner.Host, employee);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/program")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/program/managed")).StatusCode);
    }

    [Fact]
    public async Task GrantAndRevokeBadgesAuditedInThePartnersLogAndShownInItsStanding()
    {
        await ProgramWorld.UseProgramAsync(Factory);
        var (partner, _) = await ProgramWorld.PartnerAsync(World, "Badged Partners");
        var client = await World.CreateOrganizationAsync("Not A Partner");
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await ProgramWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);

        var wrong = await platform.PostFormAsync("/platform/program/badges", new Dictionary<string, string> { ["PartnerId"] = client.Id.ToString(), ["Badge"] = "Healthcare" }, "/platform/program/badges?handler=Grant");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("Choose the partner organization", (await PortalClient.ParseAsync(wrong)).QuerySelector("#form-error")!.TextContent);

        var granted = await platform.PostFormAsync("/platform/program/badges", new Dictionary<string, string> { ["PartnerId"] = partner.Id.ToString(), ["Badge"] = "healthcare" }, "/platform/program/badges?handler=Grant");
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var badge = Assert.Single(await World.InTenantAsync(partner, db => db.Set<PartnerBadge>().AsNoTracking().ToListAsync()));
        Assert.Equal(("Healthcare", "Industry vertical"), (badge.Name, badge.Kind));
        Assert.Single(await World.InTenantAsync(partner, db => db.AuditEntries.Where(a => a.Action == "partner_program.badge_granted" && a.UserId == admin.Id).ToListAsync()));
        var twice = await platform.PostFormAsync("/platform/program/badges", new Dictionary<string, string> { ["PartnerId"] = partner.Id.ToString(), ["Badge"] = "Healthcare" }, "/platform/program/badges?handler=Grant");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var standing = (await scope.ServiceProvider.GetRequiredService<IPartnerStanding>().OfAsync([partner.Id]))[partner.Id];
            Assert.Equal(["Healthcare"], standing.Badges);
        }

        var recalculated = await ProgramWorld.RecalculateAsync(Factory);
        Assert.Equal(5m, Assert.Single(await ProgramWorld.LedgerAsync(World, partner), e => e.Source == PointSource.Badge).Points);

        var revoked = await platform.PostFormAsync("/platform/program/badges", new Dictionary<string, string> { ["badgeId"] = badge.Id.ToString() }, "/platform/program/badges?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.NotNull(Assert.Single(await World.InTenantAsync(partner, db => db.Set<PartnerBadge>().AsNoTracking().ToListAsync())).RevokedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.PostFormAsync("/platform/program/badges", new Dictionary<string, string> { ["badgeId"] = badge.Id.ToString() }, "/platform/program/badges?handler=Revoke")).StatusCode);
    }

    [Fact]
    public async Task RecordAPartnersMetricThatCountsAtTheRecalculationAndRefuseBadValues()
    {
        await ProgramWorld.UseProgramAsync(Factory, new ProgramSettings
        {
            Metrics = [new() { Key = MetricKeys.Satisfaction, Name = "Customer satisfaction (%)", Category = ProgramCategory.Competence, Target = 90m, Weight = 3m }],
        });
        var (partner, owner) = await ProgramWorld.PartnerAsync(World, "Satisfying Partners");
        var (rival, rivalOwner) = await ProgramWorld.PartnerAsync(World, "Curious Partners");
        var admin = await World.CreateUserAsync(platformAdmin: true);
        using var platform = await ProgramWorld.SignedInAsync(Factory, PortalFactory.PlatformDomain, admin);
        Task<List<PartnerMetricValue>> ValuesAsync() => World.GlobalAsync(db => db.Set<PartnerMetricValue>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().ToListAsync());
        Dictionary<string, string> Form(string value) => new() { ["PartnerId"] = partner.Id.ToString(), ["Metric"] = MetricKeys.Satisfaction, ["Value"] = value };

        var tooHigh = await platform.PostFormAsync("/platform/program/metrics", Form("120"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooHigh.StatusCode);
        var refused = await PortalClient.ParseAsync(tooHigh);
        Assert.Contains("Enter Customer satisfaction (%) as a percentage from 0 to 100", refused.QuerySelector("#form-error")!.TextContent);
        Assert.Equal("120", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#metric-value")!.Value);
        Assert.Empty(await ValuesAsync());
        var notPartner = await platform.PostFormAsync("/platform/program/metrics", new Dictionary<string, string>(Form("95")) { ["PartnerId"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notPartner.StatusCode);
        Assert.Empty(await ValuesAsync());

        var recorded = await platform.PostFormAsync("/platform/program/metrics", Form("95"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var (_, listed) = await platform.GetPageAsync(recorded.Headers.Location!.OriginalString);
        Assert.Contains("Customer satisfaction (%) of Satisfying Partners is now 95", listed.QuerySelector("main .notice")!.TextContent);
        Assert.Contains("Satisfying Partners", listed.QuerySelector("#metrics")!.TextContent);
        var value = Assert.Single(await ValuesAsync());
        Assert.Equal((partner.Id, MetricKeys.Satisfaction, 95m, (Guid?)admin.Id), (value.TenantId, value.Key, value.Value, value.RecordedByUserId));
        Assert.Single(await World.InTenantAsync(partner, db => db.AuditEntries.Where(a => a.Action == "program.metric_recorded" && a.UserId == admin.Id).ToListAsync()));

        await ProgramWorld.RecalculateAsync(Factory);
        Assert.Equal(3m, Assert.Single(await ProgramWorld.LedgerAsync(World, partner), e => e.SourceKey == "metric:" + MetricKeys.Satisfaction).Points);
        Assert.Equal(0, (await ProgramWorld.RecalculateAsync(Factory)).RowsWritten);
        using var browser = await ProgramWorld.SignedInAsync(Factory, partner.Host, owner);
        var (_, program) = await browser.GetPageAsync("/program");
        Assert.Contains("Customer satisfaction (%): 95 of a target of 90 (100 % of 3 points): 3 points", program.QuerySelector("#metrics")!.TextContent);
        Assert.DoesNotContain(await ProgramWorld.LedgerAsync(World, rival), e => e.Source == PointSource.Metric);

        // Only platform admins record metrics: another partner's admin reaches neither the page nor its form.
        using var other = await ProgramWorld.SignedInAsync(Factory, rival.Host, rivalOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync("/platform/program/metrics")).StatusCode);
        Assert.NotEqual(HttpStatusCode.Redirect, (await other.PostFormAsync("/platform/program/metrics", Form("10"))).StatusCode);
        Assert.Equal(95m, Assert.Single(await ValuesAsync()).Value);
    }

    private Task<ProgramSettings> StoredAsync() =>
        World.GlobalAsync(async db => ProgramSettings.FromJson(await new PlatformSettings(db, TimeProvider.System).GetAsync(ProgramSettingsStore.Key))!);

    /// <summary>Every named field of the page's form with its current value, as a browser would post it.</summary>
    private static Dictionary<string, string> Fields(AngleSharp.Html.Dom.IHtmlDocument document)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in document.QuerySelectorAll("main form[method=post] [name]").Where(e => e.GetAttribute("name") != "__RequestVerificationToken"))
        {
            var name = element.GetAttribute("name")!;
            fields[name] = element switch
            {
                AngleSharp.Html.Dom.IHtmlTextAreaElement t => t.Value,
                AngleSharp.Html.Dom.IHtmlSelectElement s => s.Value ?? "",
                AngleSharp.Html.Dom.IHtmlInputElement i => i.Value,
                _ => "",
            };
        }

        return fields;
    }
}
