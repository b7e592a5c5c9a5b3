using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Billing;
using PartnerPortal.IntegrationTests.Billing;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Resellers;

/// <summary>
/// R4: the dashboard sorts on a client's new plan, status and trial at once, whichever path wrote
/// them: pages, the platform admin, the trial job, and the over-limit mark, including the writes done
/// with ExecuteUpdate. Alpha Dental and Beta Fitness are the reseller's two clients.
/// </summary>
public sealed class DashboardSortShould(PortalFactory factory) : PortalTest<PortalFactory>(factory)
{
    public enum WritePath
    {
        ResellerChangesThePlan,
        ClientAdminChangesThePlan,
        PlatformAdminEditsThePlan,
        PlatformAdminChangesTheDefaultPlan,
        RecordPassesTheLimit,
        TrialJobClearsTheMark,
        ClientStartsATrial,
        ResellerStartsATrial,
        TrialJobEndsTheTrial,
    }

    public static TheoryData<WritePath, string, string, string> Paths => new()
    {
        // path, sort, top before, top after (with its status)
        { WritePath.ResellerChangesThePlan, "plan", "Beta Fitness", "Alpha Dental: paid" },
        { WritePath.ClientAdminChangesThePlan, "plan", "Beta Fitness", "Alpha Dental: paid" },
        { WritePath.PlatformAdminEditsThePlan, "plan", "Beta Fitness", "Alpha Dental: paid" },
        { WritePath.PlatformAdminChangesTheDefaultPlan, "plan", "Beta Fitness", "Alpha Dental: paid" },
        { WritePath.RecordPassesTheLimit, "status", "Beta Fitness", "Alpha Dental: at limit" }, // refused at 50 of 50: at, not over (issue 14)
        { WritePath.TrialJobClearsTheMark, "status", "Alpha Dental", "Beta Fitness: paid" },
        { WritePath.ClientStartsATrial, "status", "Beta Fitness", "Alpha Dental: trial" },
        { WritePath.ResellerStartsATrial, "status", "Beta Fitness", "Alpha Dental: trial" },
        { WritePath.TrialJobEndsTheTrial, "status", "Alpha Dental", "Beta Fitness: free" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task FollowEveryWritePathAtOnce(WritePath path, string sort, string topBefore, string topAfter)
    {
        var world = await ResellerWorld.CreateAsync(World);
        using var reseller = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
        var (act, undo) = await ArrangeAsync(path, world);
        Assert.Equal(topBefore, (await TopAsync(reseller, sort)).Split(':')[0]);

        await act();

        try
        {
            Assert.Equal(topAfter, await TopAsync(reseller, sort));
        }
        finally
        {
            if (undo is not null) await undo();
        }
    }

    /// <summary>Sets the two clients up for <paramref name="path"/>; returns the write to make, and what puts shared plans back afterwards.</summary>
    private async Task<(Func<Task> Act, Func<Task>? Undo)> ArrangeAsync(WritePath path, ResellerWorld world)
    {
        var alpha = world.First;
        var now = DateTime.UtcNow;
        switch (path)
        {
            case WritePath.ResellerChangesThePlan:
                await BillingWorld.SubscribeAsync(World, world.Second, Plan.Seeded.BasicId);
                return (async () =>
                {
                    using var reseller = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
                    await PostAsync(reseller, $"/clients/{alpha.Id}/plan", "Plan", new() { ["planId"] = Plan.Seeded.ProId.ToString() });
                }, null);

            case WritePath.ClientAdminChangesThePlan:
                await BillingWorld.SubscribeAsync(World, alpha, Plan.Seeded.FreeId, s => s.BillingMode = BillingMode.ClientBilled);
                await BillingWorld.SubscribeAsync(World, world.Second, Plan.Seeded.BasicId);
                return (async () =>
                {
                    using var owner = await Factory.SignedInAsync(alpha.Host, world.ClientOwner);
                    await PostAsync(owner, "/settings/plan", "Plan", new() { ["planId"] = Plan.Seeded.ProId.ToString() });
                }, null);

            case WritePath.PlatformAdminEditsThePlan:
            {
                // A plan of this test's own, so that no other test sees its price or order change.
                using var admin = await PlatformAdminAsync();
                var code = TestWorld.UniqueSlug("tier");
                await PostAsync(admin, "/platform/plans/edit", null, PlanFields(code, sortOrder: 0));
                var planId = await World.GlobalAsync(db => db.Plans.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());
                await BillingWorld.SubscribeAsync(World, alpha, planId);
                await BillingWorld.SubscribeAsync(World, world.Second, Plan.Seeded.BasicId);
                return (async () =>
                {
                    using var again = await PlatformAdminAsync();
                    await PostAsync(again, $"/platform/plans/edit?id={planId}", null, PlanFields(code, sortOrder: 9));
                }, null);
            }

            case WritePath.PlatformAdminChangesTheDefaultPlan:
                // Alpha has no subscription row: it is on whichever plan is the default.
                await BillingWorld.SubscribeAsync(World, world.Second, Plan.Seeded.FreeId);
                return (() => MakeDefaultAsync(Plan.Seeded.BasicId),
                    // Back to the seeded default, so the other tests of this class see Free as new accounts' plan.
                    () => MakeDefaultAsync(Plan.Seeded.FreeId));

            case WritePath.RecordPassesTheLimit:
            {
                var solutionId = await BillingWorld.SolutionWithRecordsAsync(Factory, alpha, 50);
                return (async () =>
                {
                    using var owner = await Factory.SignedInAsync(alpha.Host, world.ClientOwner);
                    var refused = await owner.PostFormAsync($"/solutions/{solutionId}/tables/patients/record", new Dictionary<string, string> { ["f.name"] = "One too many" });
                    Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
                }, null);
            }

            case WritePath.TrialJobClearsTheMark:
                await BillingWorld.SubscribeAsync(World, alpha, Plan.Seeded.FreeId, s => { s.OverLimitSince = now.AddDays(-1); s.OverLimitKinds = "records"; });
                await BillingWorld.SubscribeAsync(World, world.Second, Plan.Seeded.BasicId);
                return (() => Factory.Services.GetRequiredService<TrialJob>().RunPassAsync(now, CancellationToken.None), null);

            case WritePath.ClientStartsATrial:
                return (async () =>
                {
                    using var owner = await Factory.SignedInAsync(alpha.Host, world.ClientOwner);
                    await PostAsync(owner, "/settings/plan", "Trial", []);
                }, null);

            case WritePath.ResellerStartsATrial:
                return (async () =>
                {
                    using var reseller = await Factory.SignedInAsync(world.Reseller.Host, world.Admin);
                    await PostAsync(reseller, $"/clients/{alpha.Id}/plan", "Trial", []);
                }, null);

            case WritePath.TrialJobEndsTheTrial:
                await BillingWorld.SubscribeAsync(World, alpha, Plan.Seeded.FreeId, s => { s.TrialStartedAt = now.AddDays(-6); s.TrialEndsAt = now.AddDays(1); });
                return (() => Factory.Services.GetRequiredService<TrialJob>().RunPassAsync(now.AddDays(2), CancellationToken.None), null);

            default:
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }

    /// <summary>The first client of the dashboard in descending <paramref name="sort"/> order, as "name: status".</summary>
    private static async Task<string> TopAsync(PortalClient reseller, string sort)
    {
        var (response, page) = await reseller.GetPageAsync($"/clients?sort={sort}&desc=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var top = page.QuerySelector("tbody tr")!;
        return $"{top.QuerySelector("td")!.TextContent.Trim()}: {top.QuerySelector(".status")!.TextContent.Trim()}";
    }

    private static async Task PostAsync(PortalClient client, string path, string? handler, Dictionary<string, string> fields)
    {
        var target = handler is null ? path : $"{path}{(path.Contains('?') ? '&' : '?')}handler={handler}";
        var response = await client.PostFormAsync(path, fields, target);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {target} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task MakeDefaultAsync(Guid planId)
    {
        using var admin = await PlatformAdminAsync();
        await PostAsync(admin, "/platform/plans", "Default", new() { ["planId"] = planId.ToString() });
    }

    private async Task<PortalClient> PlatformAdminAsync() =>
        await Factory.SignedInAsync(PortalFactory.PlatformDomain, await World.CreateUserAsync(platformAdmin: true));

    private static Dictionary<string, string> PlanFields(string code, int sortOrder) => new()
    {
        ["Input.Name"] = "Tier " + code,
        ["Input.Code"] = code,
        ["Input.MonthlyListPrice"] = "5",
        ["Input.Currency"] = "USD",
        ["Input.RecordLimit"] = "100",
        ["Input.MemberLimit"] = "5",
        ["Input.CustomDomainLimit"] = "0",
        ["Input.WhiteLabel"] = "true",
        ["Input.SortOrder"] = sortOrder.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
