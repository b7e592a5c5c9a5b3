using Microsoft.EntityFrameworkCore;
using PartnerPortal.Accounts;
using PartnerPortal.Audit;
using PartnerPortal.Data;
using PartnerPortal.Modularity;
using PartnerPortal.Solutions.Definition;
using PartnerPortal.Solutions.Recipes;
using PartnerPortal.Tenancy;

namespace PartnerPortal.Solutions.Center;

/// <summary>A listing as the public pages show it: the publisher's name and standing, never its clients.</summary>
public sealed record PublicListing(Guid Id, Guid PublisherId, string Publisher, PartnerStanding Standing, string Name, string Description, string Industry, int Version, int Installs, DateTime UpdatedAt);

/// <summary>What a visitor asks of the Solution Center.</summary>
public sealed record CenterQuery(string? Search, string? Industry, string? Tier, int Page)
{
    public const int PageSize = 20;
}

public sealed record CenterPage(IReadOnlyList<PublicListing> Listings, int Total, int Page, int Pages, IReadOnlyList<string> Tiers);

/// <summary>What a publisher types for a listing.</summary>
public sealed record ListingInput(string? Name, string? Description, string? Industry);

/// <summary>
/// The Solution Center (S6): a partner lists one of its published solutions (a snapshot of its
/// published definition), edits or unlists it; anyone finds listings, higher-tier publishers first,
/// then the most installed; a client's admin installs one into a workspace as a copy with
/// provenance, which counts an install and credits the publisher (a qualifying activity, P3).
/// Publisher-side actions go through the tenant filter, so another publisher's listing id is not found.
/// </summary>
public sealed class SolutionCenter(
    PortalDbContext db,
    CurrentMember member,
    SolutionLibrary library,
    RecipeUpdates updates,
    IPartnerStanding standings,
    IPortalEvents events,
    ITenantContext tenants,
    AuditLog audit,
    TimeProvider time)
{
    public const int MaxDescription = 4000;
    public const string InstalledEvent = "solutions.listing_installed";

    public static string PathOf(Guid listingId) => $"/solution-center/{listingId}";

    // ---- The publisher's side (current organization) ----

    /// <summary>The current organization's published solutions that may be listed (or listed again).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, int Version)>> ListableAsync(CancellationToken cancellationToken) =>
        (await db.Set<Solution>().AsNoTracking()
            .Where(s => s.CurrentVersion != null && s.Status == SolutionStatus.Active && s.ProtectedBy == null && s.DeletedAt == null)
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.CurrentVersion })
            .ToListAsync(cancellationToken))
        .Select(s => (s.Id, s.Name, s.CurrentVersion!.Value)).ToList();

    public async Task<IReadOnlyList<SolutionListing>> MineAsync(CancellationToken cancellationToken) =>
        await db.Set<SolutionListing>().AsNoTracking().OrderBy(l => l.UnlistedAt != null).ThenBy(l => l.Name).ToListAsync(cancellationToken);

    /// <summary>Lists (or lists again, with the latest published version) one of the current organization's solutions; the error says why nothing changed.</summary>
    public async Task<(SolutionListing? Listing, string? Error)> PublishAsync(Guid solutionId, ListingInput input, CancellationToken cancellationToken)
    {
        var solution = await db.Set<Solution>().FirstOrDefaultAsync(s => s.Id == solutionId && s.DeletedAt == null, cancellationToken);
        if (solution is null) return (null, "Choose one of your solutions listed.");
        if (solution.ProtectedBy is { } by) return (null, SolutionAccess.ProtectedRefusal(by, ProtectedAction.List));
        if (solution.CurrentVersion is null || solution.Status != SolutionStatus.Active) return (null, $"Publish {solution.Name} first: the Solution Center lists published versions only.");
        if (Check(input with { Name = string.IsNullOrWhiteSpace(input.Name) ? solution.Name : input.Name }) is { } error) return (null, error);
        var package = await library.PackageAsync(solution, tenants.Current?.Name ?? string.Empty, cancellationToken);
        // Tags may name clients (C12: one workspace, tagged by client): a public listing carries none.
        package.Tags = [];
        package.Name = Clean(input.Name) ?? solution.Name;
        // An installed copy names the listing it came from, not the publisher's own solution name (which may name a client).
        package.Source = new PackageSource(tenants.Current?.Name ?? string.Empty, package.Name, solution.CurrentVersion);
        package.Description = Clean(input.Description);
        var now = time.GetUtcNow().UtcDateTime;
        var listing = await db.Set<SolutionListing>().FirstOrDefaultAsync(l => l.SolutionId == solution.Id, cancellationToken);
        if (listing is null)
        {
            listing = new SolutionListing { SolutionId = solution.Id, Name = package.Name, Description = string.Empty, Industry = string.Empty, PackageJson = string.Empty, ListedAt = now };
            db.Add(listing);
        }

        listing.Name = package.Name;
        listing.Description = package.Description!;
        listing.Industry = input.Industry!;
        listing.PackageJson = PackageWriter.Write(package);
        listing.Version = solution.CurrentVersion.Value;
        listing.UpdatedAt = now;
        listing.ListedByUserId = member.UserId ?? Guid.Empty;
        listing.UnlistedAt = null;
        audit.Record("solution-center.listed", $"{listing.Name} (version {listing.Version}) in {listing.Industry}");
        await db.SaveChangesAsync(cancellationToken);
        return (listing, null);
    }

    /// <summary>Changes a listing's words (and takes the solution's latest published version); null: not this organization's listing.</summary>
    public async Task<(SolutionListing? Listing, string? Error)?> UpdateAsync(Guid listingId, ListingInput input, CancellationToken cancellationToken)
    {
        var listing = await db.Set<SolutionListing>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null) return null;
        return await PublishAsync(listing.SolutionId, input, cancellationToken);
    }

    /// <summary>Takes a listing out of the Solution Center; installed copies stay. False: not this organization's listing.</summary>
    public async Task<bool> UnlistAsync(Guid listingId, CancellationToken cancellationToken)
    {
        var listing = await db.Set<SolutionListing>().FirstOrDefaultAsync(l => l.Id == listingId, cancellationToken);
        if (listing is null) return false;
        listing.UnlistedAt ??= time.GetUtcNow().UtcDateTime;
        audit.Record("solution-center.unlisted", listing.Name);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public static string? Check(ListingInput input)
    {
        var name = Clean(input.Name);
        var description = Clean(input.Description);
        if (name is null || name.Length > 200) return "Give the listing a name of up to 200 characters.";
        if (description is null) return "Describe what the solution does and for whom: visitors decide from it.";
        if (description.Length > MaxDescription) return $"Keep the description under {MaxDescription:N0} characters (it has {description.Length:N0}).";
        if (input.Industry is null || !Industries.All.Contains(input.Industry)) return "Choose the industry the solution is for from the list.";
        return null;
    }

    // ---- The public side (every publisher) ----

    public async Task<CenterPage> SearchAsync(CenterQuery query, CancellationToken cancellationToken)
    {
        var rows = Listed();
        if (query.Industry is { Length: > 0 } industry) rows = rows.Where(l => l.Industry == industry);
        if (query.Search?.Trim() is { Length: > 0 and <= 200 } search)
        {
            var pattern = $"%{search.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            rows = rows.Where(l => EF.Functions.Like(l.Name, pattern, "\\") || EF.Functions.Like(l.Description, pattern, "\\") || EF.Functions.Like(l.Publisher, pattern, "\\"));
        }

        var found = await rows.ToListAsync(cancellationToken);
        var standing = await standings.OfAsync(found.Select(l => l.PublisherId).Distinct().ToList(), cancellationToken);
        var listings = found.Select(l => l.With(standing.GetValueOrDefault(l.PublisherId) ?? PartnerStanding.None(l.PublisherId))).ToList();
        var tiers = listings.Where(l => l.Standing.Tier is not null).GroupBy(l => l.Standing.Tier!).OrderByDescending(g => g.Max(l => l.Standing.Rank)).Select(g => g.Key).ToList();
        if (query.Tier is { Length: > 0 } tier) listings = listings.Where(l => string.Equals(l.Standing.Tier, tier, StringComparison.OrdinalIgnoreCase)).ToList();
        var ordered = listings.OrderByDescending(l => l.Standing.Rank).ThenByDescending(l => l.Installs).ThenBy(l => l.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var pages = Math.Max(1, (ordered.Count + CenterQuery.PageSize - 1) / CenterQuery.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        return new CenterPage(ordered.Skip((page - 1) * CenterQuery.PageSize).Take(CenterQuery.PageSize).ToList(), ordered.Count, page, pages, tiers);
    }

    /// <summary>A listed listing with the package it installs, or null (unlisted, unknown, or its publisher is not active).</summary>
    public async Task<(PublicListing Listing, SolutionPackage Package)?> FindAsync(Guid listingId, CancellationToken cancellationToken)
    {
        var row = await Listed().Where(l => l.Id == listingId).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return null;
        var standing = (await standings.OfAsync([row.PublisherId], cancellationToken)).GetValueOrDefault(row.PublisherId) ?? PartnerStanding.None(row.PublisherId);
        var json = await db.Set<SolutionListing>().IgnoreQueryFilters(["Tenant"]).AsNoTracking().Where(l => l.Id == listingId).Select(l => l.PackageJson).SingleAsync(cancellationToken);
        var package = PackageReader.Read(json).Package ?? throw new InvalidOperationException($"Listing {listingId} holds a package that does not read.");
        return (row.With(standing), package);
    }

    /// <summary>Every listing published now (the kernel's catalog answers other modules from it).</summary>
    public async Task<IReadOnlyList<SolutionListingSummary>> PublishedAsync(IReadOnlyCollection<Guid>? publisherIds, CancellationToken cancellationToken)
    {
        var rows = Listed();
        if (publisherIds is not null) rows = rows.Where(l => publisherIds.Contains(l.PublisherId));
        return (await rows.ToListAsync(cancellationToken)).Select(l => new SolutionListingSummary(l.Id, l.PublisherId, l.Name, l.Industry, l.Installs, PathOf(l.Id))).ToList();
    }

    // ---- The installing client's side (current organization) ----

    /// <summary>The current organization's workspaces a listing may be installed into.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> WorkspacesAsync(CancellationToken cancellationToken)
    {
        var libraries = db.Set<RecipeLibrary>().Select(r => r.WorkspaceId);
        return (await db.Workspaces.AsNoTracking().Where(w => w.ArchivedAt == null && !libraries.Contains(w.Id)).OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(cancellationToken))
            .Select(w => (w.Id, w.Name)).ToList();
    }

    /// <summary>
    /// Installs a listed listing into one of the current organization's workspaces: a copy of its
    /// package, published at version 1 and naming the publisher, the listing and its version; counts
    /// the install on the listing in the same transaction and credits the publisher. Returns the
    /// copy, or why nothing was installed.
    /// </summary>
    public async Task<(Solution? Copy, string? Error)> InstallAsync(Guid listingId, Guid workspaceId, CancellationToken cancellationToken)
    {
        var client = tenants.Current ?? throw new InvalidOperationException("A listing is installed into the current organization.");
        if (await FindAsync(listingId, cancellationToken) is not var (listing, package)) return (null, "That listing is no longer in the Solution Center.");
        if (listing.PublisherId == client.Id) return (null, "This is your own listing: the solution is already yours.");
        // The tenant filter: another organization's workspace id is not one of these.
        if (!(await WorkspacesAsync(cancellationToken)).Any(w => w.Id == workspaceId)) return (null, "Choose one of your workspaces listed.");
        // S7: the copy is linked to the publisher's recipe, as a share's copy is, so the publisher follows it and pushes updates.
        var recipeId = await db.Set<SolutionListing>().IgnoreQueryFilters(["Tenant"]).Where(l => l.Id == listing.Id).Select(l => l.SolutionId).SingleAsync(cancellationToken);
        var recipe = await updates.RecipeAsync(listing.PublisherId, recipeId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var copy = library.AddPublished(workspaceId, package);
        if (recipe is var (publisher, source)) copy.LinkTo(publisher.Id, source.Id, source.ProtectsCopies ? publisher.Name : null);
        audit.Record("solution-center.installed", $"{package.Name} from {listing.Publisher} (version {listing.Version})");
        await db.SaveChangesAsync(cancellationToken);
        if (recipe is var (owner, _))
        {
            var workspace = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(cancellationToken);
            await updates.FollowAsync(copy, owner, recipeId, listing.Version, $"{client.Name} · {workspace}", cancellationToken);
        }

        // The count is the publisher's row: one atomic increment, past the tenant filter, of the listing found above only.
        await db.Set<SolutionListing>().IgnoreQueryFilters(["Tenant"]).Where(l => l.Id == listing.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Installs, l => l.Installs + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await events.PublishAsync(new PortalEvent(client.Id, member.UserId, SolutionLibrary.ImportedEvent, now), cancellationToken);
        await events.PublishAsync(new PortalEvent(client.Id, member.UserId, InstalledEvent, now, PartnerId: listing.PublisherId), cancellationToken);
        return (copy, null);
    }

    /// <summary>A listed row's public columns; properties, not a constructor, so EF filters on them in SQL.</summary>
    private sealed class ListedRow
    {
        public Guid Id { get; init; }

        public Guid PublisherId { get; init; }

        public required string Publisher { get; init; }

        public required string Name { get; init; }

        public required string Description { get; init; }

        public required string Industry { get; init; }

        public int Version { get; init; }

        public int Installs { get; init; }

        public DateTime UpdatedAt { get; init; }

        public PublicListing With(PartnerStanding standing) => new(Id, PublisherId, Publisher, standing, Name, Description, Industry, Version, Installs, UpdatedAt);
    }

    /// <summary>Listed rows of every active publisher: the one query that reads listings across organizations, and only their public columns.</summary>
    private IQueryable<ListedRow> Listed() =>
        db.Set<SolutionListing>().IgnoreQueryFilters(["Tenant"]).AsNoTracking()
            .Where(l => l.UnlistedAt == null)
            .Join(db.Organizations.Where(o => o.Status == OrganizationStatus.Active), l => l.TenantId, o => o.Id,
                (l, o) => new ListedRow { Id = l.Id, PublisherId = l.TenantId, Publisher = o.Name, Name = l.Name, Description = l.Description, Industry = l.Industry, Version = l.Version, Installs = l.Installs, UpdatedAt = l.UpdatedAt });

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
