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

    /// <summary>Provenance of a copy (S4), as names shown to people.</summary>
    public string? SourceOrganization { get; set; }

    public string? SourceRecipe { get; set; }

    /// <summary>The recipe version the copy runs (S7: what an update is compared against).</summary>
    public int? SourceVersion { get; set; }

    /// <summary>
    /// The organization and recipe a copy came from (S7), set by the server when a copy is made and
    /// never from a form: updates are accepted only from this recipe, written by its owner.
    /// </summary>
    public Guid? SourceOrganizationId { get; set; }

    public Guid? SourceSolutionId { get; set; }

    /// <summary>The definition of the recipe version the copy runs, the common base of a three-way update.</summary>
    public string? SourceDefinitionJson { get; set; }

    /// <summary>On a recipe: its copies in other organizations are protected (S7).</summary>
    public bool ProtectsCopies { get; set; }

    /// <summary>
    /// On a copy: the organization that protects it. The copy is used, not exported, sent on,
    /// duplicated or listed; only its source lifts this (with an update).
    /// </summary>
    public string? ProtectedBy { get; set; }

    /// <summary>Deleted by an admin: hidden (every read of solutions asks for <c>DeletedAt == null</c>), records kept, restorable until <see cref="PurgeAfter"/>, then purged by <c>solutions-purge</c>.</summary>
    public DateTime? DeletedAt { get; set; }

    public DateTime? PurgeAfter { get; set; }

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

    /// <summary>
    /// Links a new copy to the recipe it was made from (S7), with the ids the server holds: the copy's
    /// own first version is the base later updates are merged against. Protection comes with the
    /// recipe when its owner protects copies and the copy lives in another organization.
    /// </summary>
    public void LinkTo(Guid organizationId, Guid? recipeId, string? protectedBy)
    {
        SourceOrganizationId = organizationId;
        SourceSolutionId = recipeId;
        SourceDefinitionJson = DraftJson;
        ProtectedBy = protectedBy;
    }

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

    /// <summary>
    /// C12 model 1: the one client tag whose records this person sees and touches in the solution
    /// (one solution shared by several clients' people); null for "All records". It limits only a
    /// right that comes from this assignment: admins and executive viewers see every record.
    /// </summary>
    public string? ClientTag { get; set; }
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

    /// <summary>Client tags as <c>|a|b|</c>, like <see cref="Solution.Tags"/>: "has tag x" is one LIKE (C12 model 1, one workspace tagged by client).</summary>
    public string Tags { get; set; } = "|";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> TagList => Tags.Split('|', StringSplitOptions.RemoveEmptyEntries);
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

    /// <summary>The sender's recipe (S7: the imported copy keeps a real link to it).</summary>
    public Guid? RecipeSolutionId { get; set; }

    public int? RecipeVersion { get; set; }

    /// <summary>The sender's row that follows this copy (<see cref="RecipeCopy"/>), told when it is previewed, imported or declined.</summary>
    public Guid? RecipeCopyId { get; set; }

    /// <summary>The sender protects its copies: the imported copy is protected.</summary>
    public bool Protected { get; set; }

    public DateTime? PreviewedAt { get; set; }
}

/// <summary>What became of a pushed update on one copy.</summary>
public enum UpdateState
{
    Pending = 0,
    Applied = 1,
    Declined = 2,
}

/// <summary>
/// The recipe owner's record of one copy of its recipe (S4, S7): sent to (or duplicated into) which
/// organization, whether it was previewed, imported or declined, which version the copy runs and what
/// became of the last update pushed to it. Owned by the recipe's organization; the copy's admin's
/// answers are written here by <see cref="Recipes.RecipeUpdates"/>, matched on the copy's organization.
/// </summary>
public class RecipeCopy : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The recipe's owner.</summary>
    public Guid TenantId { get; set; }

    public Guid RecipeSolutionId { get; set; }

    public Guid RecipientOrganizationId { get; set; }

    public required string RecipientName { get; set; }

    public DateTime SentAt { get; set; }

    public DateTime? PreviewedAt { get; set; }

    public DateTime? ImportedAt { get; set; }

    public DateTime? DeclinedAt { get; set; }

    /// <summary>The copy, once imported (the recipient's solution id; never opened from here).</summary>
    public Guid? CopySolutionId { get; set; }

    public string? CopyName { get; set; }

    public int? RunningVersion { get; set; }

    public int? PushedVersion { get; set; }

    public UpdateState? UpdateState { get; set; }

    public DateTime? UpdateAnsweredAt { get; set; }

    /// <summary>The row of a copy made at once (a duplicate, a deployment, a Solution Center install): nothing to preview or import.</summary>
    public static RecipeCopy Made(Solution copy, Guid recipientId, Guid recipeId, int? version, string recipientName, DateTime now) => new()
    {
        RecipeSolutionId = recipeId,
        RecipientOrganizationId = recipientId,
        RecipientName = recipientName,
        SentAt = now,
        ImportedAt = now,
        CopySolutionId = copy.Id,
        CopyName = copy.Name,
        RunningVersion = version,
    };
}

/// <summary>
/// A new version of a recipe pushed to one copy (S7), waiting for the copy's admin to apply or
/// decline it. Owned by the copy's organization, written by the recipe's owner through
/// <see cref="Recipes.RecipeUpdates.PushAsync"/>.
/// </summary>
public class SolutionUpdate : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The copy's organization.</summary>
    public Guid TenantId { get; set; }

    public Guid SolutionId { get; set; }

    public Guid FromOrganizationId { get; set; }

    public required string FromOrganizationName { get; set; }

    public required string RecipeName { get; set; }

    public int? FromVersion { get; set; }

    public int ToVersion { get; set; }

    /// <summary>The recipe's new version.</summary>
    public required string DefinitionJson { get; set; }

    public Guid RecipeCopyId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? AppliedAt { get; set; }

    public DateTime? DeclinedAt { get; set; }

    public string? AnsweredByEmail { get; set; }

    /// <summary>
    /// A newer push arrived while this one waited: kept for the history ("replaced by version N"),
    /// never reviewed; the admin answers the newest only.
    /// </summary>
    public int? ReplacedByVersion { get; set; }

    /// <summary>Waiting for an answer: neither applied, declined nor replaced (a query filter, so it runs in SQL).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<SolutionUpdate, bool>> Waiting = u => u.AppliedAt == null && u.DeclinedAt == null && u.ReplacedByVersion == null;
}
