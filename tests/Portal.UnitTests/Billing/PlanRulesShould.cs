using PartnerPortal.Accounts;
using PartnerPortal.Billing;
using PartnerPortal.Tenancy;

namespace PartnerPortal.UnitTests.Billing;

/// <summary>R6, R7, R14: who changes a plan, what a limit refusal says, and how an account's status reads.</summary>
public sealed class PlanRulesShould
{
    private static readonly DateTime Now = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Plan Free = new() { Code = "free", Name = "Free", Currency = "USD", RecordLimit = 50, MemberLimit = 2, CustomDomainLimit = 0, IsDefault = true };
    private static readonly Plan Basic = new() { Code = "basic", Name = "Basic", Currency = "USD", MonthlyListPrice = 29, RecordLimit = 5000, MemberLimit = 10, CustomDomainLimit = 1 };

    [Theory]
    [InlineData(false, BillingMode.ResellerBilled, PlanActor.ClientAdmin, true)]        // a direct client chooses its own plan
    [InlineData(false, BillingMode.ResellerBilled, PlanActor.Reseller, false)]          // nobody's reseller
    [InlineData(true, BillingMode.ResellerBilled, PlanActor.ClientAdmin, false)]        // R6: the reseller manages it
    [InlineData(true, BillingMode.ResellerBilled, PlanActor.Reseller, true)]            // from the reseller's host
    [InlineData(true, BillingMode.ResellerBilled, PlanActor.ResellerAsClient, true)]    // logged in as the client
    [InlineData(true, BillingMode.ClientBilled, PlanActor.ClientAdmin, true)]           // the client pays, the client chooses
    [InlineData(true, BillingMode.ClientBilled, PlanActor.Reseller, false)]             // not from the reseller's host
    [InlineData(true, BillingMode.ClientBilled, PlanActor.ResellerAsClient, true)]      // together with the client
    public void LetTheRightSideChangeThePlan(bool resold, BillingMode mode, PlanActor actor, bool allowed)
    {
        var account = Account(Free, resold, new AccountSubscription { BillingMode = mode });
        Assert.Equal(allowed, Subscriptions.WhyNotChangePlan(account, actor) is null);
    }

    [Fact]
    public void NameTheResellersContactAndNotThePlatformInARefusal()
    {
        var message = PlanLimits.RefusalMessage(Account(Free, resold: true, null), LimitKind.Records, 50, 51, "Northwind (help@northwind.test)");
        Assert.Equal("The Free plan of Client Co allows 50 records; this would make 51. Nothing was changed. To raise the limit, contact Northwind (help@northwind.test).", message);
    }

    [Fact]
    public void SayAPlanWithoutCustomDomainsDoesNotIncludeThem()
    {
        var message = PlanLimits.RefusalMessage(Account(Free, resold: false, null), LimitKind.CustomDomains, 0, 1, "Cloudbase support");
        Assert.StartsWith("The Free plan of Client Co does not include custom domains. Nothing was changed. Choose a bigger plan", message);
    }

    [Fact]
    public void LiftEveryLimitDuringTheTrialOnly()
    {
        var trial = Account(Free, resold: true, new AccountSubscription { TrialStartedAt = Now.AddDays(-1), TrialEndsAt = Now.AddDays(6) });
        var ended = Account(Free, resold: true, new AccountSubscription { TrialStartedAt = Now.AddDays(-8), TrialEndsAt = Now.AddDays(-1) });
        Assert.All(Enum.GetValues<LimitKind>(), k => Assert.Null(trial.LimitOf(k)));
        Assert.Equal(50, ended.LimitOf(LimitKind.Records));
        Assert.Equal(0, ended.LimitOf(LimitKind.CustomDomains));
    }

    [Theory]
    [InlineData("records,domains", new[] { LimitKind.Records, LimitKind.CustomDomains })]
    [InlineData(" members , records,members", new[] { LimitKind.Records, LimitKind.Members })]
    [InlineData("unknown,,", new LimitKind[0])]
    [InlineData(null, new LimitKind[0])]
    public void ReadTheMarkedLimitsBack(string? codes, LimitKind[] expected)
    {
        Assert.Equal(expected.Order(), LimitKinds.Parse(codes).Order());
        Assert.Equal(string.Join(",", expected.Order().Select(k => k.Code())), LimitKinds.Join(LimitKinds.Parse(codes)));
    }

    [Fact]
    public void ReadAPaidPlanAsPaidAndAnOverLimitAccountAsOverLimit()
    {
        Assert.Equal(AccountStatus.Paid, AccountSubscription.StatusOf(OrganizationStatus.Active, null, Basic, Now));
        Assert.Equal(AccountStatus.OverLimit, AccountSubscription.StatusOf(OrganizationStatus.Active, new AccountSubscription { OverLimitSince = Now }, Free, Now));
    }

    private static AccountPlan Account(Plan plan, bool resold, AccountSubscription? subscription)
    {
        var organization = new TenantInfo(Guid.NewGuid(), "client", "Client Co", OrganizationKind.Client, OrganizationStatus.Active, "client.portal.example",
            resold ? Guid.NewGuid() : null, resold ? "Northwind" : null, new PartnerPortal.Branding.Brand { ProductName = "Client Co", PrimaryColor = "#000000", AccentColor = "#000000" });
        return new AccountPlan(organization, plan, subscription, new PlanUsage(0, 0, 0), AccountStatus.Free, Now);
    }
}
