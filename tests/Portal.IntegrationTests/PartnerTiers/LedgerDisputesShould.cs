using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.PartnerTiers.Disputes;
using PartnerPortal.PartnerTiers.Ledger;

namespace PartnerPortal.IntegrationTests.PartnerTiers;

/// <summary>
/// P12: a partner's member disputes one of its ledger entries with a reason (one open dispute per
/// entry); a platform admin accepts it with a correcting entry (source Correction, the disputed
/// entry's month, keyed by the dispute) or rejects it with a reason. Both are audited and e-mailed
/// to the partner's admins in its branding; the partner sees the outcome.
/// </summary>
public sealed class LedgerDisputesShould(MailingPortalFactory factory) : PortalTest<MailingPortalFactory>(factory)
{
    private static Dictionary<string, string> Reason(string reason) => new() { ["Reason"] = reason };

    private static Task<HttpResponseMessage> DisputeAsync(PortalClient client, Guid entryId, string reason) =>
        client.PostFormAsync($"/program/disputes?entry={entryId}", Reason(reason), $"/program/disputes?entry={entryId}");

    [Fact]
    public async Task AcceptADisputeWithACorrectingEntryInTheDisputedMonth()
    {
        var world = await ReviewWorld.CreateAsync(World, "Disputing Partner");
        var entry = await ReviewWorld.EntryAsync(World, world.Partner);
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        var (_, list) = await member.GetPageAsync("/program/disputes");
        Assert.NotNull(list.QuerySelector($"tr[data-entry='{entry.Id}'] a[href='/program/disputes?entry={entry.Id}']"));

        var raised = await DisputeAsync(member, entry.Id, "Contoso moved to the Business plan this month.");
        Assert.Contains("Your dispute of “Sold MRR of Contoso Clinic, 1,200.00 USD” is sent", await ReviewWorld.NoticeAfterAsync(member, raised));
        var dispute = await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().AsNoTracking().SingleAsync());
        Assert.Equal((entry.Id, DisputeStatus.Open, world.Member.Id), (dispute.LedgerEntryId, dispute.Status, dispute.RaisedByUserId));
        Assert.Contains("Contoso moved to the Business plan", Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.dispute_raised")));

        // One open dispute per entry.
        var twice = await DisputeAsync(member, entry.Id, "Again");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.StatusCode);
        Assert.Contains("is disputed already", await ReviewWorld.TextOfAsync(twice, "#form-error"));

        using var platform = await world.PlatformAsync(Factory);
        foreach (var (points, confirm, message) in new[]
        {
            ("", "true", "Enter the correction in points"),
            ("0", "true", "A correction of 0 points"),
            ("2000000", "true", "at most 1,000,000 points"),
            ("1.234", "true", "at most two decimals"),
            ("twelve", "true", "Enter the correction in points"),
            ("-4.5", "false", "Tick the box to confirm the correction"),
        })
        {
            var bad = await platform.PostFormAsync("/platform/program/disputes", new Dictionary<string, string> { ["disputeId"] = dispute.Id.ToString(), ["points"] = points, ["note"] = "", ["confirm"] = confirm }, "/platform/program/disputes?handler=Accept");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
            Assert.Contains(message, await ReviewWorld.TextOfAsync(bad, "#form-error"));
        }

        Assert.Equal(1, await World.InTenantAsync(world.Partner, db => db.Set<LedgerEntry>().CountAsync()));
        // The disputed month's totals, as the recalculation left them: the correction shows in them at once.
        await World.InTenantAsync(world.Partner, db =>
        {
            db.Add(new PartnerPortal.PartnerTiers.Program.PartnerPeriod { Period = entry.Period, Points = entry.Points, PointsForLowestTier = entry.Points, SoldPoints = entry.Points, SoldAccounts = 1, Currency = "USD", Entries = 1 });
            return db.SaveChangesAsync();
        });
        var accepted = await platform.PostFormAsync("/platform/program/disputes", new Dictionary<string, string> { ["disputeId"] = dispute.Id.ToString(), ["points"] = "-4.5", ["note"] = "The Business plan started on the 20th.", ["confirm"] = "true" }, "/platform/program/disputes?handler=Accept");
        Assert.Contains("is accepted: -4.5 points", await ReviewWorld.NoticeAfterAsync(platform, accepted));

        var correction = await World.InTenantAsync(world.Partner, db => db.Set<LedgerEntry>().AsNoTracking().SingleAsync(e => e.Source == PointSource.Correction));
        Assert.Equal((-4.5m, entry.Period, entry.Id, $"correction:{dispute.Id}"), (correction.Points, correction.Period, correction.CorrectsEntryId, correction.SourceKey));
        var month = await World.InTenantAsync(world.Partner, db => db.Set<PartnerPortal.PartnerTiers.Program.PartnerPeriod>().AsNoTracking().SingleAsync());
        Assert.Equal((entry.Points - 4.5m, entry.Points - 4.5m, -4.5m, 2), (month.Points, month.PointsForLowestTier, month.CorrectionPoints, month.Entries));
        var resolved = await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().AsNoTracking().SingleAsync());
        Assert.Equal((DisputeStatus.Accepted, correction.Id, world.PlatformAdmin.Id), (resolved.Status, resolved.CorrectionEntryId, resolved.ResolvedByUserId));
        Assert.Contains("corrected by -4.5 points", Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.dispute_accepted")));

        foreach (var person in new[] { world.Owner, world.Admin, world.Member })
        {
            var mail = await Factory.Smtp.WaitForMessageAsync(person.Email!, m => m.Subject == "Your dispute of a ledger entry is accepted");
            Assert.Contains("corrected it by -4.5 points", mail.TextBody);
            Assert.Equal("Disputing Partner", mail.From.Mailboxes.Single().Name);
        }

        var (_, outcome) = await member.GetPageAsync("/program/disputes");
        var row = outcome.QuerySelector($"tr[data-dispute='{dispute.Id}']")!;
        Assert.Equal("Accepted", row.QuerySelector(".status")!.TextContent);
        Assert.Contains("Corrected by -4.5 points", row.QuerySelector(".correction")!.TextContent);

        // Resolved once.
        var again = await platform.PostFormAsync("/platform/program/disputes", new Dictionary<string, string> { ["disputeId"] = dispute.Id.ToString(), ["points"] = "3", ["note"] = "", ["confirm"] = "true" }, "/platform/program/disputes?handler=Accept");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(2, await World.InTenantAsync(world.Partner, db => db.Set<LedgerEntry>().CountAsync()));
    }

    [Fact]
    public async Task RejectADisputeOnlyWithAReason()
    {
        var world = await ReviewWorld.CreateAsync(World, "Rejected Dispute Partner");
        var entry = await ReviewWorld.EntryAsync(World, world.Partner);
        using var owner = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Owner);
        var empty = await DisputeAsync(owner, entry.Id, " ");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Say why the entry is wrong", await ReviewWorld.TextOfAsync(empty, "#form-error"));
        await ReviewWorld.NoticeAfterAsync(owner, await DisputeAsync(owner, entry.Id, "Too few points."));
        var dispute = await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().AsNoTracking().SingleAsync());

        using var platform = await world.PlatformAsync(Factory);
        var noReason = await platform.PostFormAsync("/platform/program/disputes", new Dictionary<string, string> { ["disputeId"] = dispute.Id.ToString(), ["note"] = "" }, "/platform/program/disputes?handler=Reject");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("Give the reason for the rejection", await ReviewWorld.TextOfAsync(noReason, "#form-error"));
        var rejected = await platform.PostFormAsync("/platform/program/disputes", new Dictionary<string, string> { ["disputeId"] = dispute.Id.ToString(), ["note"] = "The entry uses the plan in force on the 1st." }, "/platform/program/disputes?handler=Reject");
        Assert.Contains("is rejected", await ReviewWorld.NoticeAfterAsync(platform, rejected));

        Assert.Equal(1, await World.InTenantAsync(world.Partner, db => db.Set<LedgerEntry>().CountAsync()));
        Assert.Equal(DisputeStatus.Rejected, (await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().AsNoTracking().SingleAsync())).Status);
        Assert.Contains("The entry uses the plan in force on the 1st.", Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.dispute_rejected")));
        var mail = await Factory.Smtp.WaitForMessageAsync(world.Admin.Email!, m => m.Subject == "Your dispute of a ledger entry was rejected");
        Assert.Contains("The reason: The entry uses the plan in force on the 1st.", mail.TextBody);
        var (_, page) = await owner.GetPageAsync("/program/disputes");
        Assert.Contains("The entry uses the plan in force on the 1st.", page.QuerySelector($"tr[data-dispute='{dispute.Id}'] .resolution")!.TextContent);

        // Rejected, the entry can be disputed again with more to say.
        await ReviewWorld.NoticeAfterAsync(owner, await DisputeAsync(owner, entry.Id, "Here is the invoice of the 2nd."));
    }

    [Fact]
    public async Task NeitherShowNorDisputeAnotherPartnersEntries()
    {
        var world = await ReviewWorld.CreateAsync(World);
        var entry = await ReviewWorld.EntryAsync(World, world.Partner, description: "Managed MRR of a private client");
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        await ReviewWorld.NoticeAfterAsync(member, await DisputeAsync(member, entry.Id, "Private reason"));

        using var other = await ReviewWorld.SignedInAsync(Factory, world.OtherPartner.Host, world.OtherOwner);
        var (_, page) = await other.GetPageAsync("/program/disputes");
        Assert.DoesNotContain("private", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/program/disputes?entry={entry.Id}")).StatusCode);
        var forged = await other.PostFormAsync("/program/disputes", Reason("Mine now"), $"/program/disputes?entry={entry.Id}");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(0, await World.InTenantAsync(world.OtherPartner, db => db.Set<LedgerDispute>().CountAsync()));
        Assert.Equal(1, await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().CountAsync()));

        using var platform = await world.PlatformAsync(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await platform.PostFormAsync("/platform/program/disputes", new Dictionary<string, string> { ["disputeId"] = Guid.NewGuid().ToString(), ["note"] = "x" }, "/platform/program/disputes?handler=Reject")).StatusCode);
        Assert.Equal(DisputeStatus.Open, (await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().AsNoTracking().SingleAsync())).Status);
    }

    [Fact]
    public async Task WriteOneCorrectionWhenTwoAdminsAcceptAtOnce()
    {
        var world = await ReviewWorld.CreateAsync(World, "Raced Partner");
        var entry = await ReviewWorld.EntryAsync(World, world.Partner);
        using var member = await ReviewWorld.SignedInAsync(Factory, world.Partner.Host, world.Member);
        await ReviewWorld.NoticeAfterAsync(member, await DisputeAsync(member, entry.Id, "Counted twice."));
        var dispute = await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().AsNoTracking().SingleAsync());

        async Task<string?> AcceptAsync(string points)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<LedgerDisputes>().ResolveAsync(dispute.Id, accept: true, points, null, confirmed: true, world.PlatformAdmin.Id);
            return outcome!.Done;
        }

        var outcomes = await Task.WhenAll(AcceptAsync("-12"), AcceptAsync("-6"));

        Assert.Single(outcomes, o => o is not null);
        var corrections = await World.InTenantAsync(world.Partner, db => db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Source == PointSource.Correction).ToListAsync());
        var correction = Assert.Single(corrections);
        Assert.Equal(correction.Id, (await World.InTenantAsync(world.Partner, db => db.Set<LedgerDispute>().AsNoTracking().SingleAsync())).CorrectionEntryId);
        Assert.Single(await ReviewWorld.AuditAsync(World, world.Partner, "program.dispute_accepted"));
    }
}
