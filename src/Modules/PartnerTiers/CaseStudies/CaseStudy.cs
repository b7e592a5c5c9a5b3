using PartnerPortal.Data;

namespace PartnerPortal.PartnerTiers.CaseStudies;

public enum CaseStudyStatus
{
    Submitted = 0,
    Approved = 1,
    SentBack = 2,
}

/// <summary>
/// A partner's customer case study (P10): platform admins approve it or send it back with a note;
/// approved ones count toward P5 and show in the partner directory. Owned by the partner.
/// </summary>
public sealed class CaseStudy : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The partner organization.</summary>
    public Guid TenantId { get; set; }

    public required string Customer { get; set; }

    public required string Industry { get; set; }

    /// <summary>The product line the engagement was about (a plan's product line), if any: it counts toward that product-line specialization (P7).</summary>
    public string? ProductLine { get; set; }

    /// <summary>The customer's size in the user's words, e.g. "50–200 employees".</summary>
    public required string CompanySize { get; set; }

    public required string Need { get; set; }

    public required string Solution { get; set; }

    public required string Result { get; set; }

    public string? Testimonial { get; set; }

    public CaseStudyStatus Status { get; set; }

    /// <summary>Why it was sent back.</summary>
    public string? ReviewNote { get; set; }

    public Guid SubmittedByUserId { get; set; }

    public DateTime SubmittedAt { get; set; }

    public Guid? ReviewedByUserId { get; set; }

    public DateTime? ReviewedAt { get; set; }
}
