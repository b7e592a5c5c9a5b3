namespace PartnerPortal.Jobs;

/// <summary>The <c>Jobs</c> settings: how an instance takes part in background work.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>The default <see cref="Hold"/>.</summary>
    public static readonly TimeSpan DefaultHold = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a job's lease lasts without a heartbeat (a run renews it every quarter of this): an
    /// instance that dies mid-run blocks its job for at most this long before another instance takes
    /// it over. Shorter means a faster takeover and more lease writes.
    /// </summary>
    public TimeSpan Hold { get; set; } = DefaultHold;

    /// <summary>
    /// Whether this instance runs jobs in the background. An instance that only serves pages (say, one
    /// kept free of imports) sets it to false; at least one instance of a deployment must keep it on.
    /// </summary>
    public bool RunInBackground { get; set; } = true;
}
