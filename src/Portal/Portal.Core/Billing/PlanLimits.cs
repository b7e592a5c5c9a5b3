using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Billing;

/// <summary>The answer to "may this organization add that much?": allowed, or refused with a message for the person who tried.</summary>
public sealed record LimitCheck(bool Allowed, string? Message)
{
    public static readonly LimitCheck Yes = new(true, null);
}

/// <summary>
/// Plan limits (R7, R8): every action that adds records, members (memberships and invitations)
/// or custom domains asks first, and does nothing when refused. A refusal names whom to ask: the
/// reseller's support contact for a reseller's client, the platform's for a direct client; the
/// first refusal of a crossing marks the account and sends the over-limit e-mail.
/// </summary>
public interface IPlanLimits
{
    /// <summary>
    /// Whether <paramref name="organizationId"/> may add <paramref name="adding"/> of
    /// <paramref name="kind"/> now. Call it before adding anything to the unit of work: a refusal
    /// saves the over-limit mark on its own.
    /// </summary>
    Task<LimitCheck> CheckAsync(Guid organizationId, LimitKind kind, long adding = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// After something counted by a limit was removed (a record deleted, a member removed): clears
    /// the over-limit mark once every marked limit has room again, so the next crossing e-mails again.
    /// Call it after saving the removal.
    /// </summary>
    Task ReleasedAsync(Guid organizationId, CancellationToken cancellationToken = default);
}

public sealed class PlanLimits(AccountPlans plans, IServiceScopeFactory scopes) : IPlanLimits
{
    public async Task<LimitCheck> CheckAsync(Guid organizationId, LimitKind kind, long adding = 1, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account is null) return LimitCheck.Yes;
        var limit = account.LimitOf(kind);
        var usage = limit is null ? 0 : await plans.UsageOfAsync(organizationId, kind, cancellationToken);
        if (limit is null || usage + adding <= limit)
        {
            // Room left even after this addition (records deleted, a member removed since the mark): the
            // crossing is over and the next one e-mails again. An addition that fills the account up to
            // its limit keeps the mark, so a refusal right after it is the same crossing, not a new one.
            if (account.Subscription?.OverLimitSince is not null) await InOwnScopeAsync(marks => marks.ReevaluateAsync(organizationId, cancellationToken, (kind, adding)));
            return LimitCheck.Yes;
        }

        await InOwnScopeAsync(marks => marks.NoteCrossingAsync(organizationId, [kind], cancellationToken));
        var contact = await plans.SupportContactAsync(account.Organization, cancellationToken);
        return new LimitCheck(false, RefusalMessage(account, kind, limit.Value, usage + adding, contact));
    }

    public async Task ReleasedAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var account = await plans.GetAsync(organizationId, cancellationToken);
        if (account?.Subscription?.OverLimitSince is not null) await InOwnScopeAsync(marks => marks.ReevaluateAsync(organizationId, cancellationToken));
    }

    /// <summary>What the person who tried reads: the limit, that nothing changed, and whom to ask.</summary>
    public static string RefusalMessage(AccountPlan account, LimitKind kind, long limit, long wouldBe, string contact)
    {
        var plan = $"The {account.Plan.Name} plan of {account.Organization.Name}";
        var reached = limit == 0
            ? $"{plan} does not include {kind.Noun()}."
            : $"{plan} allows {limit.ToString("N0", CultureInfo.InvariantCulture)} {kind.Noun()}; this would make {wouldBe.ToString("N0", CultureInfo.InvariantCulture)}.";
        var next = account.ResellerId is null
            ? $"Choose a bigger plan under Settings → Plan, or contact {contact}."
            : $"To raise the limit, contact {contact}.";
        return $"{reached} Nothing was changed. {next}";
    }

    // The mark is saved in a unit of work of its own, so nothing the caller has pending is saved with it.
    private async Task InOwnScopeAsync(Func<OverLimitMarks, Task> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<OverLimitMarks>());
    }
}
