namespace PartnerPortal.Jobs;

/// <summary>
/// One kind of background work (DESIGN "Background work"). A job is a scoped class whose
/// constructor takes the services it needs; the kernel's <see cref="JobRunner"/> creates a DI
/// scope per run, resolves the job in it, and runs it under the job's database lease, so two
/// instances never run it at once. Register it with
/// <c>services.AddPortalJob&lt;TJob&gt;(name, description, interval)</c>.
/// </summary>
/// <remarks>
/// A run must be safe to repeat: an instance may stop half-way and the next run starts over, so
/// every step that must happen once (an e-mail, an audit entry) is claimed with a conditional
/// update. A module's job skips every organization where its module is switched off
/// (<see cref="ModuleSwitches.OrganizationsOnAsync"/>). A job that must happen once per period
/// (monthly invoices, a tier review) runs more often than the period and does what is due, keyed
/// by the period, rather than counting on being run exactly once a month.
/// </remarks>
public interface IPortalJob
{
    /// <summary>Does one pass of the work that is due now; returns how many items it processed.</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}

/// <summary>What the kernel knows about a registered job.</summary>
/// <param name="Name">Stable name: the key of its <see cref="JobLease"/> row, e.g. <c>mail-outbox</c>.</param>
/// <param name="Description">What it does, in an operator's words: "Sends queued e-mail".</param>
/// <param name="Module">The <see cref="Modularity.IPortalModule.Name"/> it belongs to; null for the kernel's own jobs.</param>
/// <param name="JobType">The scoped <see cref="IPortalJob"/> class that does the work.</param>
/// <param name="Interval">How often it runs; zero or less turns scheduling off (it can still be run from <c>/platform/jobs</c>).</param>
public sealed record JobDefinition(string Name, string Description, string? Module, Type JobType, TimeSpan Interval)
{
    private static readonly TimeSpan LongestTick = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often each instance looks whether the job is due: every interval, but at least every
    /// five minutes, so a long interval still notices soon when a lease fell free.
    /// </summary>
    public TimeSpan Tick => Interval < LongestTick ? Interval : LongestTick;
}
