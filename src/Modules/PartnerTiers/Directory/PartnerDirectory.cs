using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
using PartnerPortal.Jobs;
using PartnerPortal.Modularity;
using PartnerPortal.PartnerTiers.CaseStudies;
using PartnerPortal.PartnerTiers.Profiles;

namespace PartnerPortal.PartnerTiers.Directory;

/// <summary>One listed partner as the public directory shows it: only what the partner published.</summary>
public sealed record DirectoryEntry(
    Guid PartnerId,
    string Name,
    string Slug,
    string Summary,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Industries,
    string? Website,
    string? ContactEmail,
    PartnerStanding Standing,
    IReadOnlyList<SolutionListingSummary> Solutions,
    int CaseStudies)
{
    public IReadOnlyList<string> Specializations => Standing.Badges;
}

/// <summary>What a visitor asks of the directory: a search and filters (each optional), and a page.</summary>
public sealed record DirectoryQuery(string? Search, string? Tier, string? Specialization, string? Region, string? Industry, int Page)
{
    public const int PageSize = 20;
}

/// <summary>One page of the directory, with what the filters can offer.</summary>
public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Entries, int Total, int Page, int Pages, IReadOnlyList<string> Tiers, IReadOnlyList<string> Specializations);

/// <summary>An approved case study as the partner's directory page shows it.</summary>
public sealed record PublishedCaseStudy(string Customer, string Industry, string CompanySize, string Need, string Solution, string Result, string? Testimonial);

/// <summary>
/// The public partner directory (P9): listed profiles of active partners with the program on, their
/// tier and specializations (kernel <see cref="IPartnerStanding"/>), published Solution Center
/// listings (kernel <see cref="ISolutionCatalog"/>) and approved case studies. The whole directory is
/// one in-memory index, built by a handful of queries and kept for <see cref="Lifetime"/> (a saved
/// profile drops it at once), so a search or a page costs no database work however many partners
/// there are; a tier or case study reviewed elsewhere shows within that minute.
/// </summary>
public sealed class PartnerDirectory(PortalDbContext db, IPartnerStanding standings, ISolutionCatalog solutions, IModuleSwitch switches, IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // The cache key changes with every invalidation, so a build racing with a save cannot put back stale entries under the new key.
    private static long _generation;

    private string Key => $"partner-directory:{Interlocked.Read(ref _generation)}";

    /// <summary>Drops the cached index (a profile changed); the next visitor's request rebuilds it.</summary>
    public void Invalidate()
    {
        var old = Key;
        Interlocked.Increment(ref _generation);
        cache.Remove(old);
    }

    public async Task<DirectoryPage> SearchAsync(DirectoryQuery query, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(cancellationToken);
        var terms = Terms(query.Search);
        var matches = new List<(DirectoryEntry Entry, int Relevance)>();
        foreach (var entry in index.Entries)
        {
            if (query.Tier is { Length: > 0 } tier && !string.Equals(entry.Standing.Tier, tier, StringComparison.OrdinalIgnoreCase)) continue;
            if (query.Specialization is { Length: > 0 } badge && !entry.Specializations.Contains(badge, StringComparer.OrdinalIgnoreCase)) continue;
            if (query.Region is { Length: > 0 } region && !entry.Regions.Contains(region, StringComparer.OrdinalIgnoreCase)) continue;
            if (query.Industry is { Length: > 0 } industry && !entry.Industries.Contains(industry, StringComparer.OrdinalIgnoreCase)) continue;
            var relevance = Relevance(entry, terms);
            if (relevance < 0) continue;
            matches.Add((entry, relevance));
        }

        // The index is kept in tier-then-name order, so only a search needs sorting (stable: within a tier and relevance, by name).
        var ordered = terms.Length == 0
            ? matches.Select(m => m.Entry).ToList()
            : matches.OrderByDescending(m => m.Entry.Standing.Rank).ThenByDescending(m => m.Relevance).Select(m => m.Entry).ToList();
        var pages = Math.Max(1, (ordered.Count + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        return new DirectoryPage(ordered.Skip((page - 1) * DirectoryQuery.PageSize).Take(DirectoryQuery.PageSize).ToList(), ordered.Count, page, pages, index.Tiers, index.Specializations);
    }

    /// <summary>A listed partner by its address name, or null (not listed, not a partner, or switched off).</summary>
    public async Task<DirectoryEntry?> FindAsync(string slug, CancellationToken cancellationToken) =>
        (await IndexAsync(cancellationToken)).BySlug.GetValueOrDefault(slug);

    /// <summary>The partner's approved case studies, newest first: what it chose to publish about its customers.</summary>
    public async Task<IReadOnlyList<PublishedCaseStudy>> CaseStudiesAsync(Guid partnerId, CancellationToken cancellationToken) =>
        await db.Set<CaseStudy>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => c.TenantId == partnerId && c.Status == CaseStudyStatus.Approved)
            .OrderByDescending(c => c.ReviewedAt)
            .Select(c => new PublishedCaseStudy(c.Customer, c.Industry, c.CompanySize, c.Need, c.Solution, c.Result, c.Testimonial))
            .ToListAsync(cancellationToken);

    /// <summary>The directory as one cached snapshot: entries in tier-then-name order, by address name, and what the filters offer.</summary>
    private sealed class DirectoryIndex(IReadOnlyList<DirectoryEntry> entries)
    {
        public IReadOnlyList<DirectoryEntry> Entries { get; } = entries
            .OrderByDescending(e => e.Standing.Rank).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();

        public IReadOnlyDictionary<string, DirectoryEntry> BySlug { get; } = entries.ToDictionary(e => e.Slug, StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<string> Tiers { get; } = entries.Where(e => e.Standing.Tier is not null).GroupBy(e => e.Standing.Tier!)
            .OrderByDescending(g => g.Max(e => e.Standing.Rank)).Select(g => g.Key).ToList();

        public IReadOnlyList<string> Specializations { get; } = entries.SelectMany(e => e.Specializations).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<DirectoryIndex> IndexAsync(CancellationToken cancellationToken)
    {
        var key = Key;
        if (cache.TryGetValue(key, out DirectoryIndex? index) && index is not null) return index;
        index = new DirectoryIndex(await BuildAsync(cancellationToken));
        cache.Set(key, index, Lifetime);
        return index;
    }

    private async Task<IReadOnlyList<DirectoryEntry>> BuildAsync(CancellationToken cancellationToken)
    {
        // Profiles are each partner's own rows; the directory is the one reader across partners, of listed ones only.
        var listed = await db.Set<PartnerProfile>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(p => p.Listed)
            .Join(db.Organizations.Where(o => o.Kind == OrganizationKind.Partner && o.Status == OrganizationStatus.Active), p => p.TenantId, o => o.Id,
                (p, o) => new { p.TenantId, o.Name, o.Slug, p.Summary, p.Regions, p.Industries, p.Website, p.ContactEmail })
            .ToListAsync(cancellationToken);
        if (listed.Count == 0) return [];
        var on = await switches.OrganizationsOnAsync(PartnerTiersModule.ModuleName, listed.Select(p => p.TenantId), cancellationToken);
        listed = listed.Where(p => on.Contains(p.TenantId)).ToList();
        var ids = listed.Select(p => p.TenantId).ToList();
        var standing = await standings.OfAsync(ids, cancellationToken);
        var caseStudies = await db.Set<CaseStudy>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(c => c.Status == CaseStudyStatus.Approved)
            .GroupBy(c => c.TenantId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var listings = (await solutions.PublishedListingsAsync(null, cancellationToken)).ToLookup(l => l.PublisherId);
        return listed
            .Select(p => new DirectoryEntry(
                p.TenantId,
                p.Name,
                p.Slug,
                p.Summary,
                ProfileChoices.Split(p.Regions),
                ProfileChoices.Split(p.Industries),
                p.Website,
                p.ContactEmail,
                standing.GetValueOrDefault(p.TenantId) ?? PartnerStanding.None(p.TenantId),
                listings[p.TenantId].OrderByDescending(l => l.Installs).ThenBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList(),
                caseStudies.GetValueOrDefault(p.TenantId)))
            .ToList();
    }

    private static string[] Terms(string? search) =>
        (search ?? string.Empty).Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8).ToArray();

    /// <summary>How well an entry matches every term (-1: a term matches nothing): the name counts most, then specializations, solutions, regions and industries, then the summary.</summary>
    private static int Relevance(DirectoryEntry entry, string[] terms)
    {
        var score = 0;
        foreach (var term in terms)
        {
            var found = 0;
            if (entry.Name.Contains(term, StringComparison.OrdinalIgnoreCase)) found += 8;
            if (entry.Specializations.Any(b => b.Contains(term, StringComparison.OrdinalIgnoreCase))) found += 4;
            if (entry.Solutions.Any(s => s.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || s.Industry.Contains(term, StringComparison.OrdinalIgnoreCase))) found += 2;
            if (entry.Industries.Any(i => i.Contains(term, StringComparison.OrdinalIgnoreCase)) || entry.Regions.Any(r => r.Contains(term, StringComparison.OrdinalIgnoreCase))) found += 2;
            if (entry.Summary.Contains(term, StringComparison.OrdinalIgnoreCase)) found += 1;
            if (found == 0) return -1;
            score += found;
        }

        return score;
    }
}
