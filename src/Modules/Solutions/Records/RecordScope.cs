using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Data;

namespace PartnerPortal.Solutions.Records;

/// <summary>
/// C12 model 1, one solution shared by several clients' people: which records of a solution the
/// person behind this request (or the run a job works for) may see and touch. Every record read and
/// write goes through it (<see cref="RecordQuery"/> for lists, counts, exports and single records;
/// <see cref="RecordStore"/> for the tags of what is written), so no page has to remember the rule.
/// </summary>
/// <remarks>
/// The limit is one client tag, taken from the person's assignment to the solution
/// (<see cref="SolutionAccess.ClientTagAsync"/>). Work without a person (rules, recipe updates,
/// purges) is not limited; a job that acts for a person (a large export or import) says so with
/// <see cref="ActFor"/> and the tag stored on the run when the person asked.
/// </remarks>
public sealed class RecordScope(PortalDbContext db, SolutionAccess access, CurrentMember member)
{
    /// <summary>
    /// The limit of someone who may not see the solution at all: longer than any tag can be
    /// (<c>RecordModel.MaxTagLength</c>, 40), so no record carries it and nothing matches.
    /// </summary>
    public const string NoRecords = "(no records: this person has no right on the solution)";

    private readonly Dictionary<Guid, string?> _tags = [];

    /// <summary>A job works as the person whose run it is: their limit in this solution, as stored on the run.</summary>
    public void ActFor(Guid solutionId, string? clientTag) => _tags[solutionId] = clientTag;

    /// <summary>The one client tag the records of this solution are limited to; null for every record.</summary>
    public async Task<string?> ClientTagAsync(Guid solutionId, CancellationToken cancellationToken)
    {
        if (_tags.TryGetValue(solutionId, out var known)) return known;
        if (member.UserId is null) return null;
        var solution = await db.Set<Solution>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == solutionId, cancellationToken);
        var tag = solution is null ? NoRecords : await access.ClientTagAsync(solution, cancellationToken);
        _tags[solutionId] = tag;
        return tag;
    }

    /// <summary>The records of a solution this person may see (the tenant filter keeps other organizations out).</summary>
    public async Task<IQueryable<SolutionRecord>> RecordsAsync(Guid solutionId, CancellationToken cancellationToken)
    {
        var records = db.Set<SolutionRecord>().Where(r => r.SolutionId == solutionId);
        return await ClientTagAsync(solutionId, cancellationToken) is { } tag ? records.Where(HasTag(tag)) : records;
    }

    /// <summary>Whether a record with these tags is the viewer's to see (Undo puts back only such a record).</summary>
    public async Task<bool> MaySeeAsync(Guid solutionId, string tags, CancellationToken cancellationToken) =>
        await ClientTagAsync(solutionId, cancellationToken) is not { } tag || tags.Contains("|" + tag.Trim() + "|", StringComparison.Ordinal);

    /// <summary>
    /// The tags a record is written with. A limited person's own tag is always among them, so what
    /// they create or edit stays theirs (a tag they untick comes back), and the other clients' tags
    /// (the solution's other tags) stay as the record had them: they can neither hand a record to
    /// another client nor take it away from one.
    /// </summary>
    public async Task<string> KeepAsync(Solution solution, string tags, string before, CancellationToken cancellationToken)
    {
        if (await ClientTagAsync(solution.Id, cancellationToken) is not { } tag || tag == NoRecords) return tags;
        var others = solution.TagList.Where(t => !string.Equals(t, tag, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wanted = tags.Split('|', StringSplitOptions.RemoveEmptyEntries).Where(t => !others.Contains(t));
        var kept = before.Split('|', StringSplitOptions.RemoveEmptyEntries).Where(others.Contains);
        return Solution.JoinTags([tag, .. wanted, .. kept]);
    }

    /// <summary>Tags are stored as <c>|a|b|</c>: "has this tag" is one substring test on the record's row.</summary>
    public static System.Linq.Expressions.Expression<Func<SolutionRecord, bool>> HasTag(string tag)
    {
        var needle = "|" + tag.Trim() + "|";
        return r => r.Tags.Contains(needle);
    }
}
