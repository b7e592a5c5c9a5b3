using PartnerPortal.Data;

namespace PartnerPortal.Solutions;

public enum SolutionStatus
{
    Draft = 0,
    Active = 1,
    Archived = 2,
}

/// <summary>
/// How the consultant who built a solution suspended it (C9), mildest first. Records are never
/// deleted or changed by a suspension, and automations wait in every mode.
/// </summary>
public enum SuspensionMode
{
    /// <summary>People keep working with records; automation rules wait until it is reactivated.</summary>
    AutomationsStopped = 1,

    /// <summary>Everyone reads; no one writes records, imports or changes the builder; automations wait.</summary>
    ReadOnly = 2,

    /// <summary>Only the consultant opens it; everyone else sees the notice.</summary>
    Blocked = 3,
}

/// <summary>An app built in a workspace (S1): a draft definition the builder edits, published versions, records.</summary>
public class Solution : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid WorkspaceId { get; set; }

    public required string Name { get; set; }

    /// <summary>Tags as <c>|a|b|</c>, so "has tag x" is one LIKE '%|x|%' (C12 model 1: one workspace, tagged by client).</summary>
    public string Tags { get; set; } = "|";

    public SolutionStatus Status { get; set; }

    /// <summary>The builder's working copy, valid by <see cref="Definition.PackageReader"/> at every save.</summary>
    public required string DraftJson { get; set; }

    public int? CurrentVersion { get; set; }

    /// <summary>Provenance of a copy (S4): where it came from, as names, never as a way back.</summary>
    public string? SourceOrganization { get; set; }

    public string? SourceRecipe { get; set; }

    public int? SourceVersion { get; set; }

    public Guid CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Set while the consultant who built it has suspended it (C9); null while it runs normally.</summary>
    public SuspensionMode? Suspension { get; set; }

    /// <summary>Why, in the consultant's words, shown in the notice.</summary>
    public string? SuspensionReason { get; set; }

    public DateTime? SuspendedAt { get; set; }

    /// <summary>The consultant who suspended it: the notice names them and their contact.</summary>
    public Guid? SuspendedByUserId { get; set; }

    /// <summary>The last automation failure, shown on the solution page until a rule succeeds again.</summary>
    public string? LastRuleError { get; set; }

    public DateTime? LastRuleErrorAt { get; set; }

    public IReadOnlyList<string> TagList => Tags.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinTags(IEnumerable<string> tags) =>
        "|" + string.Concat(tags.Select(t => t.Trim().Replace("|", string.Empty, StringComparison.Ordinal)).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Take(20).Select(t => t + "|"));
}

public class SolutionVersion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public int Number { get; set; }

    public required string DefinitionJson { get; set; }

    public DateTime PublishedAt { get; set; }

    public Guid PublishedByUserId { get; set; }

    public string? PublishedByEmail { get; set; }
}

/// <summary>A workspace member who works in this solution (C11: members see only solutions assigned to them).</summary>
public class SolutionAssignment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public Guid UserId { get; set; }
}

/// <summary>A workspace that holds a partner's recipes (S2): only the partner's own people see it.</summary>
public class RecipeLibrary : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid WorkspaceId { get; set; }
}

/// <summary>One row of a solution table. The values live as JSON; <see cref="RecordValue"/> rows make them sortable and filterable.</summary>
public class SolutionRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public required string TableKey { get; set; }

    public required string ValuesJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A narrow index row per record and field: <see cref="SortKey"/> orders every type as text and ends
/// with the record id, so a sort is one index range and keyset paging is "SortKey &gt; last".
/// Field <c>_created</c> holds creation order for the default sort.
/// </summary>
public class RecordValue : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public required string TableKey { get; set; }

    public required string FieldKey { get; set; }

    public Guid RecordId { get; set; }

    public required string SortKey { get; set; }

    /// <summary>Whether the field holds a value (filters "is empty" without parsing the key).</summary>
    public bool HasValue { get; set; }
}

/// <summary>A word of a record's text, for prefix search through an index instead of a scan.</summary>
public class RecordToken : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public required string TableKey { get; set; }

    public required string Token { get; set; }

    public Guid RecordId { get; set; }
}

/// <summary>How many records an organization holds, kept with every write (plan limits read this, not COUNT(*)).</summary>
public class RecordCounter : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public long Count { get; set; }
}

/// <summary>
/// An automation rule to run for a record, written with the record's change and claimed by the
/// background runner like the mail outbox: never lost, never run twice at once.
/// </summary>
public class RuleRun : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public Guid RecordId { get; set; }

    public required string RuleKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime DueAt { get; set; }

    public int Attempts { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTime? ClaimedUntil { get; set; }

    public DateTime? DoneAt { get; set; }

    public string? Error { get; set; }
}

/// <summary>
/// A copy of a solution sent to another organization (S4), waiting for its admin to preview and
/// import it. Owned by the recipient, whose pages read and answer it; the sender writes it once,
/// through <see cref="SolutionLibrary.SendCopyAsync"/>, after checking the partner–client link.
/// </summary>
public class SolutionShare : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FromOrganizationId { get; set; }

    public required string FromOrganizationName { get; set; }

    /// <summary>The recipient.</summary>
    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public required string PackageJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ImportedAt { get; set; }

    public DateTime? DeclinedAt { get; set; }
}
