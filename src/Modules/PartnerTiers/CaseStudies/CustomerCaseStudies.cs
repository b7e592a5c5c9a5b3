using Microsoft.EntityFrameworkCore;
using PartnerPortal.Audit;
using PartnerPortal.Billing;
using PartnerPortal.Data;
using PartnerPortal.PartnerTiers.Deals;
using PartnerPortal.Tenancy;

namespace PartnerPortal.PartnerTiers.CaseStudies;

/// <summary>A case study as the partner typed it.</summary>
public sealed class CaseStudyForm
{
    public string? Customer { get; set; }

    public string? Industry { get; set; }

    /// <summary>One of the plans' product lines, or empty.</summary>
    public string? ProductLine { get; set; }

    public string? CompanySize { get; set; }

    public string? Need { get; set; }

    public string? Solution { get; set; }

    public string? Result { get; set; }

    public string? Testimonial { get; set; }

    public static CaseStudyForm Of(CaseStudy study) => new()
    {
        Customer = study.Customer,
        Industry = study.Industry,
        ProductLine = study.ProductLine,
        CompanySize = study.CompanySize,
        Need = study.Need,
        Solution = study.Solution,
        Result = study.Result,
        Testimonial = study.Testimonial,
    };
}

/// <summary>A case study on the platform admins' page, with its partner's name.</summary>
public sealed record CaseStudyUnderReview(CaseStudy Study, string PartnerName);

/// <summary>
/// Customer case studies (P10): a partner submits them and edits one the platform sent back;
/// platform admins approve a submitted one or send it back with a note. Audited in the partner's
/// log; every decision is e-mailed to the partner in its branding.
/// </summary>
public sealed class CustomerCaseStudies(PortalDbContext db, ITenantContext tenants, ITenantStore store, AuditLog audit, PartnerNotices notices, TimeProvider time)
{
    public const int MaxNoteLength = 1000;

    public static string Describe(CaseStudyStatus status) => status switch
    {
        CaseStudyStatus.Submitted => "Waiting for review",
        CaseStudyStatus.Approved => "Approved",
        CaseStudyStatus.SentBack => "Sent back for changes",
        _ => "Unknown",
    };

    /// <summary>The product lines a case study can name: those of the platform's plans (kernel), by name.</summary>
    public Task<IReadOnlyList<string>> ProductLinesAsync(CancellationToken cancellationToken = default) =>
        Plan.ProductLinesAsync(db.Plans.AsNoTracking(), cancellationToken);

    public async Task<IReadOnlyList<CaseStudy>> OwnAsync(CancellationToken cancellationToken = default) =>
        await db.Set<CaseStudy>().AsNoTracking().OrderByDescending(c => c.SubmittedAt).Take(500).ToListAsync(cancellationToken);

    /// <summary>One of the current partner's case studies, or null.</summary>
    public Task<CaseStudy?> OwnAsync(Guid id, CancellationToken cancellationToken = default) =>
        db.Set<CaseStudy>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<ProgramOutcome> SubmitAsync(CaseStudyForm form, Guid byUserId, CancellationToken cancellationToken = default)
    {
        if ((Check(form) ?? await CheckProductLineAsync(form, cancellationToken)) is { } error) return ProgramOutcome.Refused(error);
        var study = new CaseStudy
        {
            Customer = form.Customer!.Trim(),
            Industry = form.Industry!.Trim(),
            ProductLine = ProductLineOf(form),
            CompanySize = form.CompanySize!.Trim(),
            Need = form.Need!.Trim(),
            Solution = form.Solution!.Trim(),
            Result = form.Result!.Trim(),
            Testimonial = string.IsNullOrWhiteSpace(form.Testimonial) ? null : form.Testimonial.Trim(),
            SubmittedAt = time.GetUtcNow().UtcDateTime,
            SubmittedByUserId = byUserId,
        };
        db.Add(study);
        audit.Record("program.case_study_submitted", $"{study.Customer} ({study.Industry})");
        await db.SaveChangesAsync(cancellationToken);
        return ProgramOutcome.Did($"The case study of {study.Customer} is submitted and waits for the platform's review.");
    }

    /// <summary>Edits a case study the platform sent back and submits it again; null when the partner has no such case study.</summary>
    public async Task<ProgramOutcome?> ResubmitAsync(Guid id, CaseStudyForm form, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var study = await db.Set<CaseStudy>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (study is null) return null;
        if (study.Status != CaseStudyStatus.SentBack) return ProgramOutcome.Refused($"The case study of {study.Customer} is {Describe(study.Status).ToLowerInvariant()}: only one sent back for changes can be edited.");
        if ((Check(form) ?? await CheckProductLineAsync(form, cancellationToken)) is { } error) return ProgramOutcome.Refused(error);
        study.Customer = form.Customer!.Trim();
        study.Industry = form.Industry!.Trim();
        study.ProductLine = ProductLineOf(form);
        study.CompanySize = form.CompanySize!.Trim();
        study.Need = form.Need!.Trim();
        study.Solution = form.Solution!.Trim();
        study.Result = form.Result!.Trim();
        study.Testimonial = string.IsNullOrWhiteSpace(form.Testimonial) ? null : form.Testimonial.Trim();
        study.Status = CaseStudyStatus.Submitted;
        study.SubmittedAt = time.GetUtcNow().UtcDateTime;
        study.SubmittedByUserId = byUserId;
        audit.Record("program.case_study_resubmitted", $"{study.Customer} ({study.Industry})");
        await db.SaveChangesAsync(cancellationToken);
        return ProgramOutcome.Did($"The case study of {study.Customer} is changed and waits for the platform's review again.");
    }

    /// <summary>Every partner's case studies for platform admins: waiting ones first.</summary>
    public async Task<IReadOnlyList<CaseStudyUnderReview>> ForReviewAsync(CancellationToken cancellationToken = default)
    {
        // The platform admins' page: it reviews every partner's case studies.
        var studies = await db.Set<CaseStudy>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .OrderBy(c => c.Status == CaseStudyStatus.Submitted ? 0 : 1).ThenByDescending(c => c.SubmittedAt).Take(200).ToListAsync(cancellationToken);
        var partnerIds = studies.Select(s => s.TenantId).Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => partnerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return studies.Select(s => new CaseStudyUnderReview(s, names.GetValueOrDefault(s.TenantId, "?"))).ToList();
    }

    /// <summary>A platform admin approves a submitted case study or sends it back with a note; null when there is no such case study.</summary>
    public async Task<ProgramOutcome?> ReviewAsync(Guid id, bool approve, string? note, Guid byUserId, CancellationToken cancellationToken = default)
    {
        if (await db.PartnerOwningAsync<CaseStudy>(store, c => c.Id == id, cancellationToken) is not { } partner) return null;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (!approve && note is null) return ProgramOutcome.Refused("Say what the partner should change: the note goes to them.");
        if (note is { Length: > MaxNoteLength }) return ProgramOutcome.Refused($"Keep the note to at most {MaxNoteLength} characters.");

        using (tenants.Change(partner))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var status = approve ? CaseStudyStatus.Approved : CaseStudyStatus.SentBack;
            // The claim re-checks that the case study still waits: two admins deciding at once decide (and e-mail) once.
            var claimed = await db.Set<CaseStudy>().Where(c => c.Id == id && c.Status == CaseStudyStatus.Submitted)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status).SetProperty(c => c.ReviewNote, note).SetProperty(c => c.ReviewedAt, now).SetProperty(c => c.ReviewedByUserId, byUserId), cancellationToken);
            var study = await db.Set<CaseStudy>().AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
            if (claimed != 1) return ProgramOutcome.Refused($"The case study of {partner.Name} about {study.Customer} is {Describe(study.Status).ToLowerInvariant()} already.");
            audit.Record(approve ? "program.case_study_approved" : "program.case_study_sent_back", $"{study.Customer}{(note is null ? string.Empty : ". " + note)}");
            await notices.QueueAsync(partner, approve ? "program-case-study-approved" : "program-case-study-sent-back", new Dictionary<string, string?>
            {
                ["customer"] = study.Customer,
                ["note"] = note,
            }, "/program/case-studies", study.SubmittedByUserId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ProgramOutcome.Did(approve
                ? $"The case study of {partner.Name} about {study.Customer} is approved; the partner is told by e-mail."
                : $"The case study of {partner.Name} about {study.Customer} is sent back; the partner reads your note in an e-mail.");
        }
    }

    private static string? Check(CaseStudyForm form) =>
        Missing(form.Customer, 200) ? "Enter the customer's name (at most 200 characters)."
        : Missing(form.Industry, 100) ? "Enter the customer's industry (at most 100 characters)."
        : Missing(form.CompanySize, 100) ? "Enter the customer's size, e.g. 50–200 employees (at most 100 characters)."
        : Missing(form.Need, 4000) ? "Describe what the customer needed (at most 4,000 characters)."
        : Missing(form.Solution, 4000) ? "Describe the solution you built (at most 4,000 characters)."
        : Missing(form.Result, 4000) ? "Describe the result for the customer (at most 4,000 characters)."
        : form.Testimonial is { } t && t.Trim().Length > 2000 ? "Keep the testimonial to at most 2,000 characters."
        : null;

    /// <summary>A named product line must be one the plans sell: a typo would count toward no specialization.</summary>
    private async Task<string?> CheckProductLineAsync(CaseStudyForm form, CancellationToken cancellationToken) =>
        ProductLineOf(form) is { } line && !(await ProductLinesAsync(cancellationToken)).Contains(line, StringComparer.OrdinalIgnoreCase)
            ? $"Choose the product line from the list; the platform sells no product line called {line}."
            : null;

    private static string? ProductLineOf(CaseStudyForm form) => string.IsNullOrWhiteSpace(form.ProductLine) ? null : form.ProductLine.Trim();

    private static bool Missing(string? text, int max) => string.IsNullOrWhiteSpace(text) || text.Trim().Length > max;
}
