using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PartnerPortal.Accounts;
using PartnerPortal.Data;
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

    public bool Filtered => Tier is { Length: > 0 } || Specialization is { Length: > 0 } || Region is { Length: > 0 } || Industry is { Length: > 0 };
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
public sealed class PartnerDirectory(PortalDbContext db, IPartnerStanding standings, ISolutionCatalog solutions, InstalledModules modules, IMemoryCache cache)
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
        if (terms.Length == 0 && !query.Filtered)
        {
            // Everyone, in the index's order: just the page.
            var all = index.Entries;
            var lastPage = Math.Max(1, (all.Count + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
            var at = Math.Clamp(query.Page, 1, lastPage);
            return new DirectoryPage(all.Skip((at - 1) * DirectoryQuery.PageSize).Take(DirectoryQuery.PageSize).ToList(), all.Count, at, lastPage, index.Tiers, index.Specializations);
        }

        var ordered = index.Search.Find(index.Entries, terms, query);
        var pages = Math.Max(1, (ordered.Count + DirectoryQuery.PageSize - 1) / DirectoryQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        return new DirectoryPage(ordered.Skip((page - 1) * DirectoryQuery.PageSize).Take(DirectoryQuery.PageSize).Select(i => index.Entries[i]).ToList(), ordered.Count, page, pages, index.Tiers, index.Specializations);
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

        // Built with the index (below), so no visitor's request pays for it twice.
        public DirectorySearch Search => _search ??= new DirectorySearch(Entries);

        private DirectorySearch? _search;

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
        _ = index.Search;
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
        var on = await SwitchedOnAsync(cancellationToken);
        listed = listed.Where(p => on(p.TenantId)).ToList();
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

    /// <summary>
    /// Whether the program is on for a partner, for every partner at once: two queries of the kernel's
    /// switches (the per-organization switch reads the tenant cache, one organization at a time, which
    /// costs seconds for thousands of partners when the cache is cold).
    /// </summary>
    private async Task<Func<Guid, bool>> SwitchedOnAsync(CancellationToken cancellationToken)
    {
        if (modules.Find(PartnerTiersModule.ModuleName) is not { } module) return _ => false;
        var defaults = await db.Set<PlatformSetting>().AsNoTracking().Where(s => s.Key.StartsWith(ModuleDefaults.Prefix)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var byDefault = ModuleDefaults.IsOn(module, OrganizationKind.Partner, defaults);
        var chosen = await db.Set<OrganizationModule>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(m => m.Module == PartnerTiersModule.ModuleName)
            .ToDictionaryAsync(m => m.TenantId, m => m.IsOn, cancellationToken);
        return id => chosen.TryGetValue(id, out var isOn) ? isOn : byDefault;
    }

    private static string[] Terms(string? search) =>
        DirectorySearch.Words(search ?? string.Empty).Distinct().Take(8).ToArray();
}
