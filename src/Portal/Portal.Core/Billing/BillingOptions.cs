namespace PartnerPortal.Billing;

/// <summary>The "Billing" configuration section.</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>How long the one free trial lasts (R7).</summary>
    public TimeSpan TrialLength { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long before a trial ends its admins are told (R7).</summary>
    public TimeSpan TrialReminderBefore { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often the trial job runs (ending trials, reminders, clearing over-limit marks); zero turns it off.</summary>
    public TimeSpan JobInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The platform's support address, named in limit messages to direct clients; null names the platform only.</summary>
    public string? SupportEmail { get; set; }
}
